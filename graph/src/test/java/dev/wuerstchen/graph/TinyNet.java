package dev.wuerstchen.graph;

import dev.wuerstchen.api.checkpoint.SafetensorsWriter;
import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.AttentionMask;
import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small network for export tests, written against {@link Ops} like the real ones: an image path
 * (conv, channel norm, GELU, per-pixel linear, a weight read twice, pixel shuffle, antialiased
 * resize) and a token path (embedding, affine layer norm, causal attention with key padding), two
 * outputs. Its checkpoint stores tensors as F32, F16 and BF16.
 */
public final class TinyNet implements NetworkDefinition {

    public static final String IMAGE = "image";
    public static final String TOKENS = "tokens";
    public static final String MASK = "mask";
    public static final String PIXELS = "pixels";
    public static final String TEXT = "text";

    static final int C = 8;
    static final int VOCAB = 10;

    private final ParameterManifest manifest = new ParameterManifest.Builder("tiny-net")
            .add("stem.weight", C, 4, 3, 3)
            .add("stem.bias", C)
            .add("proj.weight", C, C)
            .add("proj.bias", C)
            .add("embed.weight", VOCAB, C)
            .add("norm.weight", C)
            .add("norm.bias", C)
            .build();

    @Override
    public String name() {
        return "tiny-net";
    }

    @Override
    public ParameterManifest manifest() {
        return manifest;
    }

    @Override
    public List<TensorSpec> inputs() {
        return List.of(new TensorSpec(IMAGE, DType.F32), new TensorSpec(TOKENS, DType.I64), new TensorSpec(MASK, DType.F32));
    }

    @Override
    public List<TensorSpec> outputs() {
        return List.of(new TensorSpec(PIXELS, DType.F32), new TensorSpec(TEXT, DType.F32));
    }

    @Override
    public void checkInputs(Map<String, Shape> shapes) {
        Shape image = shapes.get(IMAGE);
        Shape tokens = shapes.get(TOKENS);
        if (image == null || image.rank() != 4 || image.dim(1) != 4) {
            throw new ShapeMismatchException(name() + " input 'image'", "(B,4,H,W)", String.valueOf(image));
        }
        if (tokens == null || tokens.rank() != 2 || !tokens.equals(shapes.get(MASK))) {
            throw new ShapeMismatchException(name() + " input 'tokens'", "(B,L) like the mask", String.valueOf(tokens));
        }
    }

    @Override
    public Map<String, Tensor> forward(Ops ops, Weights w, Map<String, Tensor> in) {
        Tensor image = in.get(IMAGE);
        int h = image.shape().dim(2);
        int wd = image.shape().dim(3);
        Tensor x = ops.conv2d(image, w.get("stem.weight", Shape.of(C, 4, 3, 3)), w.get("stem.bias", Shape.of(C)),
                Conv2dParams.of(1, 1));
        x = ops.gelu(ops.layerNormChannels(x, 1e-6f));
        Tensor t = ops.linear(ops.permute(x, 0, 2, 3, 1), w.get("proj.weight", Shape.of(C, C)), w.get("proj.bias", Shape.of(C)));
        x = ops.add(ops.permute(t, 0, 3, 1, 2), ops.reshape(w.get("stem.bias", Shape.of(C)), Shape.of(C, 1, 1)));
        Tensor pixels = ops.resizeBicubicAntialias(ops.pixelShuffle(x, 2), h + 1, wd + 3);

        Tensor e = ops.embedding(w.get("embed.weight", Shape.of(VOCAB, C)), in.get(TOKENS));
        e = ops.layerNorm(e, w.get("norm.weight", Shape.of(C)), w.get("norm.bias", Shape.of(C)), 1e-5f);
        Tensor a = ops.attention(e, e, e, 2, new AttentionMask.Causal(in.get(MASK)));
        Tensor text = ops.linear(a, w.get("proj.weight", Shape.of(C, C)), null);
        return Map.of(PIXELS, pixels, TEXT, text);
    }

    /** Writes a seeded random checkpoint: stem.bias as F16, proj.weight as BF16, the rest as F32. */
    public static Path writeCheckpoint(Path file, long seed) {
        Random r = new Random(seed);
        List<SafetensorsWriter.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Shape> p : new TinyNet().manifest().parameters().entrySet()) {
            float[] v = new float[p.getValue().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (r.nextGaussian() * 0.5);
            }
            DType stored = switch (p.getKey()) {
                case "stem.bias" -> DType.F16;
                case "proj.weight" -> DType.BF16;
                default -> DType.F32;
            };
            entries.add(SafetensorsWriter.Entry.of(p.getKey(), stored, HostTensor.of(p.getValue(), v)));
        }
        SafetensorsWriter.write(file, entries, Map.of());
        return file;
    }

    /** Seeded inputs for one shape signature: batch, image H×W, token count L (last two tokens padded). */
    public static Map<String, HostTensor> inputs(long seed, int batch, int h, int w, int len) {
        Random r = new Random(seed);
        float[] image = new float[batch * 4 * h * w];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) r.nextGaussian();
        }
        long[] tokens = new long[batch * len];
        float[] mask = new float[batch * len];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = r.nextInt(VOCAB);
            mask[i] = i % len < len - 2 ? 1f : 0f;
        }
        Map<String, HostTensor> in = new LinkedHashMap<>();
        in.put(IMAGE, HostTensor.of(Shape.of(batch, 4, h, w), image));
        in.put(TOKENS, HostTensor.of(Shape.of(batch, len), tokens));
        in.put(MASK, HostTensor.of(Shape.of(batch, len), mask));
        return in;
    }

    /** The shapes of {@link #inputs}. */
    public static Map<String, Shape> shapes(Map<String, HostTensor> inputs) {
        Map<String, Shape> s = new LinkedHashMap<>();
        inputs.forEach((k, v) -> s.put(k, v.shape()));
        return s;
    }
}
