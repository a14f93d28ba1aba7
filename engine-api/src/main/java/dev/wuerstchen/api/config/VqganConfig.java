package dev.wuerstchen.api.config;

import java.nio.file.Path;

/** {@code vqgan/config.json} of PaellaVQModel (spec 7). */
public record VqganConfig(int inChannels, int outChannels, int upDownScaleFactor, int levels, int bottleneckBlocks,
        int embedDim, int latentChannels, int numVqEmbeddings, double scaleFactor) {

    public static final VqganConfig PUBLISHED = new VqganConfig(3, 3, 2, 2, 12, 384, 4, 8192, 0.3764);

    public VqganConfig {
        if (inChannels <= 0 || outChannels <= 0 || upDownScaleFactor <= 0 || levels <= 0 || bottleneckBlocks <= 0
                || embedDim <= 0 || latentChannels <= 0 || numVqEmbeddings <= 0) {
            throw new IllegalArgumentException("VQGAN sizes must be positive");
        }
        if (embedDim % (1 << (levels - 1)) != 0) {
            throw new IllegalArgumentException("embed_dim " + embedDim + " must be divisible by 2^(levels-1)");
        }
    }

    /** Channels per level, outermost first: {@code embed_dim / 2^(levels-1-i)}. */
    public int channels(int level) {
        return embedDim >> (levels - 1 - level);
    }

    public static VqganConfig load(Path file) {
        ConfigReader r = ConfigReader.read(file);
        int in = r.optPositiveInt("in_channels", 3);
        int out = r.optPositiveInt("out_channels", 3);
        int factor = r.optPositiveInt("up_down_scale_factor", 2);
        int levels = r.optPositiveInt("levels", 2);
        int bottleneck = r.optPositiveInt("bottleneck_blocks", 12);
        int embed = r.optPositiveInt("embed_dim", 384);
        int latent = r.optPositiveInt("latent_channels", 4);
        int codes = r.optPositiveInt("num_vq_embeddings", 8192);
        try {
            return new VqganConfig(in, out, factor, levels, bottleneck, embed, latent, codes, r.optDouble("scale_factor", 0.3764));
        } catch (IllegalArgumentException e) {
            throw r.invalid("embed_dim", e.getMessage());
        }
    }
}
