package dev.wuerstchen.bench;

import dev.wuerstchen.api.config.DecoderConfig;
import dev.wuerstchen.api.config.PriorConfig;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.models.decoder.WuerstchenDiffNeXt;
import dev.wuerstchen.models.prior.WuerstchenPrior;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The networks whose step is measured, with the input shapes of one step at 1024×1024. */
public enum BenchNetwork {
    /** Stage C with classifier-free guidance: batch 2, 24×24 latent, 77 text tokens. */
    PRIOR,
    /** Stage B without guidance: batch 1, 256×256 latent, 24×24 image embedding, 77 text tokens. */
    DECODER;

    /** The tiny configurations of testdata/golden/tiny (prior and decoder config.json). */
    static final PriorConfig TINY_PRIOR = new PriorConfig(16, 64, 32, 64, 2, 4);
    static final DecoderConfig TINY_DECODER = new DecoderConfig(4, 4, 64, 2, 32, List.of(16, 32, 32, 32),
            List.of(-1, 2, 4, 4), List.of(1, 1, 1, 1), List.of("CT", "CTA", "CTA", "CTA"),
            List.of(false, true, true, true), 16, 24, 3);

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BenchNetwork parse(String id) {
        return Arrays.stream(values()).filter(v -> v.id().equals(id)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("network '" + id + "' is unknown. Use one of "
                        + Arrays.stream(values()).map(BenchNetwork::id).toList()));
    }

    /** The definition and input shapes of one step. */
    public Workload workload(ModelSize size) {
        boolean published = size == ModelSize.PUBLISHED;
        Map<String, Shape> shapes = new LinkedHashMap<>();
        return switch (this) {
            case PRIOR -> {
                PriorConfig c = published ? PriorConfig.PUBLISHED : TINY_PRIOR;
                int batch = 2; // conditional and unconditional rows of classifier-free guidance
                shapes.put(WuerstchenPrior.X, Shape.of(batch, c.cIn(), 24, 24));
                shapes.put(WuerstchenPrior.R, Shape.of(batch));
                shapes.put(WuerstchenPrior.C, Shape.of(batch, 77, c.cCond()));
                yield new Workload(id(), size, new WuerstchenPrior(c), shapes);
            }
            case DECODER -> {
                DecoderConfig c = published ? DecoderConfig.PUBLISHED : TINY_DECODER;
                int side = published ? 256 : 32;
                shapes.put(WuerstchenDiffNeXt.X, Shape.of(1, c.cIn(), side, side));
                shapes.put(WuerstchenDiffNeXt.R, Shape.of(1));
                shapes.put(WuerstchenDiffNeXt.EFFNET, Shape.of(1, c.effnetEmbd(), 24, 24));
                shapes.put(WuerstchenDiffNeXt.CLIP, Shape.of(1, 77, c.clipEmbd()));
                yield new Workload(id(), size, new WuerstchenDiffNeXt(c), shapes);
            }
        };
    }
}
