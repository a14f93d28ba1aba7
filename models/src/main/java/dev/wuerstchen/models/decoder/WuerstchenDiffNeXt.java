package dev.wuerstchen.models.decoder;

import dev.wuerstchen.api.config.DecoderConfig;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.models.blocks.AttnBlock;
import dev.wuerstchen.models.blocks.Conv2d;
import dev.wuerstchen.models.blocks.ConvTranspose2d;
import dev.wuerstchen.models.blocks.InputChecks;
import dev.wuerstchen.models.blocks.Linear;
import dev.wuerstchen.models.blocks.RatioEmbedding;
import dev.wuerstchen.models.blocks.ResBlock;
import dev.wuerstchen.models.blocks.TimestepBlock;
import dev.wuerstchen.models.decoder.DecoderLayout.Attn;
import dev.wuerstchen.models.decoder.DecoderLayout.Element;
import dev.wuerstchen.models.decoder.DecoderLayout.Res;
import dev.wuerstchen.models.decoder.DecoderLayout.Resample;
import dev.wuerstchen.models.decoder.DecoderLayout.Timestep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stage B (spec 6): predicts the noise of the VQ latent x (B, 4, H, W) from the ratio r (B), the
 * image embeddings effnet (B, 16, h, w) and the decoder-CLIP hidden states clip (B, L, clip_embd).
 */
public final class WuerstchenDiffNeXt implements NetworkDefinition {

    public static final String X = "x";
    public static final String R = "r";
    public static final String EFFNET = "effnet";
    public static final String CLIP = "clip";
    public static final String EPS = "eps";

    private static final float NORM_EPS = 1e-6f;
    private static final float B_EPS = 1e-3f;

    private final DecoderConfig config;
    private final List<Boolean> mapperSlots;
    private final ParameterManifest manifest;

    public WuerstchenDiffNeXt(DecoderConfig config) {
        this.config = config;
        this.mapperSlots = DecoderLayout.mapperSlots(config);
        this.manifest = buildManifest();
    }

    public DecoderConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "decoder";
    }

    @Override
    public ParameterManifest manifest() {
        return manifest;
    }

    @Override
    public List<TensorSpec> inputs() {
        return List.of(new TensorSpec(X, DType.F32), new TensorSpec(R, DType.F32), new TensorSpec(EFFNET, DType.F32),
                new TensorSpec(CLIP, DType.F32));
    }

    @Override
    public List<TensorSpec> outputs() {
        return List.of(new TensorSpec(EPS, DType.F32));
    }

    /** The latent side must halve cleanly at every level: {@code patch·2^(levels−1)} divides H and W. */
    public int sizeMultiple() {
        return sizeMultiple(config);
    }

    /** {@link #sizeMultiple()} of a config, without building the network. */
    public static int sizeMultiple(DecoderConfig config) {
        return config.patchSize() << (config.levels() - 1);
    }

    @Override
    public void checkInputs(Map<String, Shape> shapes) {
        Shape x = InputChecks.require(name(), shapes, X);
        InputChecks.expect(name(), X, x, -1, config.cIn(), -1, -1);
        int m = sizeMultiple();
        if (x.dim(2) % m != 0 || x.dim(3) % m != 0) {
            throw new dev.wuerstchen.api.error.ShapeMismatchException(name() + " input 'x'",
                    "height and width divisible by " + m, x.toString());
        }
        int batch = x.dim(0);
        InputChecks.expect(name(), R, InputChecks.require(name(), shapes, R), batch);
        InputChecks.expect(name(), EFFNET, InputChecks.require(name(), shapes, EFFNET), batch, config.effnetEmbd(), -1, -1);
        InputChecks.expect(name(), CLIP, InputChecks.require(name(), shapes, CLIP), batch, -1, config.clipEmbd());
    }

    private ParameterManifest buildManifest() {
        ParameterManifest.Builder m = new ParameterManifest.Builder(name());
        clipMapper().declare(m);
        for (int s = 0; s < mapperSlots.size(); s++) {
            if (mapperSlots.get(s)) {
                effnetMapper(s).declare(m);
            }
        }
        stem().declare(m);
        for (int level = 0; level < config.levels(); level++) {
            for (Element e : DecoderLayout.down(config, level)) {
                declare(m, "down_blocks." + level, level, e, true);
            }
        }
        for (int stage = 0; stage < config.levels(); stage++) {
            for (Element e : DecoderLayout.up(config, stage)) {
                declare(m, "up_blocks." + stage, config.levels() - 1 - stage, e, false);
            }
        }
        head().declare(m);
        return m.build();
    }

    private void declare(ParameterManifest.Builder m, String list, int level, Element e, boolean down) {
        String p = list + "." + e.index();
        switch (e) {
            case Resample r -> {
                if (down) {
                    downsampler(p, r).declare(m);
                } else {
                    upsampler(p, r).declare(m);
                }
            }
            case Res r -> resBlock(p, level, r).declare(m);
            case Timestep t -> timestep(p, level).declare(m);
            case Attn a -> attn(p, level).declare(m);
        }
    }

    private Linear clipMapper() {
        return Linear.of("clip_mapper", config.clipEmbd(), config.cCond());
    }

    private Conv2d effnetMapper(int slot) {
        return Conv2d.pointwise("effnet_mappers." + slot, config.effnetEmbd(), config.cCond());
    }

    private Conv2d stem() {
        int p = config.patchSize();
        return Conv2d.pointwise("embedding.1", config.cIn() * p * p, config.cHidden().get(0));
    }

    private Conv2d head() {
        int p = config.patchSize();
        return Conv2d.pointwise("clf.1", config.cHidden().get(0), 2 * config.cOut() * p * p);
    }

    private static Conv2d downsampler(String p, Resample r) {
        return new Conv2d(p + ".1", r.cIn(), r.cOut(), 2, Conv2dParams.of(2, 0), true);
    }

    private static ConvTranspose2d upsampler(String p, Resample r) {
        return new ConvTranspose2d(p + ".1", r.cIn(), r.cOut(), 2, 2, 0);
    }

    private ResBlock resBlock(String p, int level, Res r) {
        return new ResBlock(p, config.cHidden().get(level), r.cSkip(), config.kernelSize());
    }

    private TimestepBlock timestep(String p, int level) {
        return new TimestepBlock(p, config.cHidden().get(level), config.cR());
    }

    private AttnBlock attn(String p, int level) {
        return new AttnBlock(p, config.cHidden().get(level), config.cCond(), config.nhead().get(level));
    }

    @Override
    public Map<String, Tensor> forward(Ops ops, Weights w, Map<String, Tensor> inputs) {
        Tensor xIn = inputs.get(X);
        Tensor effnet = inputs.get(EFFNET);
        Tensor rEmbed = RatioEmbedding.embed(ops, inputs.get(R), config.cR());
        Tensor clip = ops.layerNorm(clipMapper().apply(ops, w, inputs.get(CLIP)), null, null, NORM_EPS);
        Level ctx = new Level(ops, w, rEmbed, clip, effnet);

        Tensor h = ops.layerNormChannels(stem().apply(ops, w, ops.pixelUnshuffle(xIn, config.patchSize())), NORM_EPS);
        List<Tensor> levelOutputs = new ArrayList<>();
        for (int level = 0; level < config.levels(); level++) {
            h = ctx.run("down_blocks." + level, level, level, DecoderLayout.down(config, level), h, null, true);
            levelOutputs.addFirst(h);
        }
        h = levelOutputs.getFirst();
        for (int stage = 0; stage < config.levels(); stage++) {
            Tensor levelSkip = stage > 0 ? levelOutputs.get(stage) : null;
            h = ctx.run("up_blocks." + stage, config.levels() - 1 - stage, config.levels() + stage,
                    DecoderLayout.up(config, stage), h, levelSkip, false);
        }
        Tensor o = ops.pixelShuffle(head().apply(ops, w, ops.layerNormChannels(h, NORM_EPS)), config.patchSize());
        int cOut = config.cOut();
        Tensor a = ops.slice(o, 1, 0, cOut);
        Tensor b = ops.affine(ops.sigmoid(ops.slice(o, 1, cOut, 2 * cOut)), 1f - 2 * B_EPS, B_EPS);
        return Map.of(EPS, ops.div(ops.sub(xIn, a), b));
    }

    /** What every element of a level list needs. */
    private final class Level {
        private final Ops ops;
        private final Weights w;
        private final Tensor rEmbed;
        private final Tensor clip;
        private final Tensor effnet;

        Level(Ops ops, Weights w, Tensor rEmbed, Tensor clip, Tensor effnet) {
            this.ops = ops;
            this.w = w;
            this.rEmbed = rEmbed;
            this.clip = clip;
            this.effnet = effnet;
        }

        /**
         * Runs one level list. The effnet feature is made at the resolution of the first ResBlock
         * and fed to all of them; {@code levelSkip} goes, before it, to the element at index 0 only.
         */
        Tensor run(String list, int level, int slot, List<Element> elements, Tensor h, Tensor levelSkip, boolean down) {
            Tensor effnetFeature = null;
            for (Element e : elements) {
                String p = list + "." + e.index();
                switch (e) {
                    case Resample r -> h = down
                            ? downsampler(p, r).apply(ops, w, ops.layerNormChannels(h, NORM_EPS))
                            : upsampler(p, r).apply(ops, w, ops.layerNormChannels(h, NORM_EPS));
                    case Res r -> {
                        if (effnetFeature == null && mapperSlots.get(slot)) {
                            Shape s = h.shape();
                            effnetFeature = effnetMapper(slot).apply(ops, w,
                                    ops.resizeBicubicAntialias(effnet, s.dim(2), s.dim(3)));
                        }
                        Tensor skip = e.index() == 0 ? levelSkip : null;
                        if (effnetFeature != null) {
                            skip = skip == null ? effnetFeature : ops.concat(1, skip, effnetFeature);
                        }
                        h = resBlock(p, level, r).apply(ops, w, h, skip);
                    }
                    case Timestep t -> h = timestep(p, level).apply(ops, w, h, rEmbed);
                    case Attn a -> h = attn(p, level).apply(ops, w, h, clip);
                }
            }
            return h;
        }
    }
}
