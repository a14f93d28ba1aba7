package dev.wuerstchen.models.vqgan;

import dev.wuerstchen.api.config.VqganConfig;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.models.blocks.InputChecks;
import java.util.List;
import java.util.Map;

/**
 * The three entry points of PaellaVQModel (Stage A, spec 7), each a network of its own over the
 * same checkpoint: {@link Mode#DECODE} (latents already scaled by scale_factor → RGB, unclamped),
 * {@link Mode#ENCODE} (RGB → latents) and {@link Mode#QUANTIZE} (latents → nearest codebook vectors).
 */
public final class PaellaVqNetwork implements NetworkDefinition {

    /** Which entry point. */
    public enum Mode {
        DECODE("vqgan-decode", "latents", "sample"),
        ENCODE("vqgan-encode", "image", "latents"),
        QUANTIZE("vqgan-quantize", "latents", "quantized");

        private final String network;
        private final String input;
        private final String output;

        Mode(String network, String input, String output) {
            this.network = network;
            this.input = input;
            this.output = output;
        }

        public String input() {
            return input;
        }

        public String output() {
            return output;
        }
    }

    private static final float BATCH_NORM_EPS = 1e-5f;

    private final Mode mode;
    private final PaellaVqLayout layout;
    private final ParameterManifest manifest;

    public PaellaVqNetwork(VqganConfig config, Mode mode) {
        this.mode = mode;
        this.layout = new PaellaVqLayout(config);
        this.manifest = layout.manifest(mode.network);
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public String name() {
        return mode.network;
    }

    @Override
    public ParameterManifest manifest() {
        return manifest;
    }

    @Override
    public List<TensorSpec> inputs() {
        return List.of(new TensorSpec(mode.input, DType.F32));
    }

    @Override
    public List<TensorSpec> outputs() {
        return List.of(new TensorSpec(mode.output, DType.F32));
    }

    /** Image pixels per latent pixel along each axis. */
    public int scale() {
        return scale(layout.config());
    }

    /** {@link #scale()} of a config, without building the network. */
    public static int scale(VqganConfig config) {
        return config.upDownScaleFactor() << (config.levels() - 1);
    }

    @Override
    public void checkInputs(Map<String, Shape> shapes) {
        Shape s = InputChecks.require(name(), shapes, mode.input);
        VqganConfig c = layout.config();
        int channels = mode == Mode.ENCODE ? c.inChannels() : c.latentChannels();
        InputChecks.expect(name(), mode.input, s, -1, channels, -1, -1);
        if (mode == Mode.ENCODE && (s.dim(2) % scale() != 0 || s.dim(3) % scale() != 0)) {
            throw new dev.wuerstchen.api.error.ShapeMismatchException(name() + " input 'image'",
                    "height and width divisible by " + scale(), s.toString());
        }
    }

    @Override
    public Map<String, Tensor> forward(Ops ops, Weights w, Map<String, Tensor> inputs) {
        Tensor x = inputs.get(mode.input);
        Tensor out = switch (mode) {
            case DECODE -> decode(ops, w, x);
            case ENCODE -> encode(ops, w, x);
            case QUANTIZE -> ops.nearestCode(x, w.get(layout.codebook(),
                    Shape.of(layout.config().numVqEmbeddings(), layout.config().latentChannels())));
        };
        return Map.of(mode.output, out);
    }

    private Tensor decode(Ops ops, Weights w, Tensor z) {
        Tensor h = layout.upIn().apply(ops, w, z);
        for (PaellaVqLayout.Step s : layout.upSteps()) {
            h = apply(ops, w, s, h);
        }
        return ops.pixelShuffle(layout.outBlock().apply(ops, w, h), layout.config().upDownScaleFactor());
    }

    private Tensor encode(Ops ops, Weights w, Tensor image) {
        Tensor h = layout.inBlock().apply(ops, w, ops.pixelUnshuffle(image, layout.config().upDownScaleFactor()));
        for (PaellaVqLayout.Step s : layout.downSteps()) {
            h = apply(ops, w, s, h);
        }
        h = layout.latentProjection().apply(ops, w, h);
        return batchNorm(ops, w, h);
    }

    /** Inference BatchNorm2d: {@code x·α + β}, {@code α = weight/√(var + eps)}, {@code β = bias − mean·α}. */
    private Tensor batchNorm(Ops ops, Weights w, Tensor x) {
        int c = layout.config().latentChannels();
        Shape vec = Shape.of(c);
        String p = layout.batchNorm();
        Tensor alpha = ops.div(w.get(p + ".weight", vec), ops.sqrt(ops.addScalar(w.get(p + ".running_var", vec), BATCH_NORM_EPS)));
        Tensor beta = ops.sub(w.get(p + ".bias", vec), ops.mul(w.get(p + ".running_mean", vec), alpha));
        Shape col = Shape.of(c, 1, 1);
        return ops.add(ops.mul(x, ops.reshape(alpha, col)), ops.reshape(beta, col));
    }

    private static Tensor apply(Ops ops, Weights w, PaellaVqLayout.Step s, Tensor h) {
        return switch (s) {
            case PaellaVqLayout.Mix mix -> mix.block().apply(ops, w, h);
            case PaellaVqLayout.Down d -> d.conv().apply(ops, w, h);
            case PaellaVqLayout.Up u -> u.conv().apply(ops, w, h);
        };
    }
}
