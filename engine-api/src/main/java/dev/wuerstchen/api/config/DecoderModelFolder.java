package dev.wuerstchen.api.config;

import dev.wuerstchen.api.checkpoint.WeightFiles;
import java.nio.file.Path;

/**
 * A diffusers decoder folder as published in {@code warp-ai/wuerstchen}: model_index.json,
 * {@code decoder/}, {@code text_encoder/}, {@code tokenizer/}, {@code vqgan/}, {@code scheduler/}.
 */
public record DecoderModelFolder(Path root, double latentDimScale, DecoderConfig decoder, VqganConfig vqgan,
        ClipTextConfig textEncoder, SchedulerConfig scheduler) {

    public static final String CLASS_NAME = "WuerstchenDecoderPipeline";

    public Path decoderWeights() {
        return WeightFiles.find(root.resolve("decoder"));
    }

    public Path vqganWeights() {
        return WeightFiles.find(root.resolve("vqgan"));
    }

    public Path textEncoderWeights() {
        return WeightFiles.find(root.resolve("text_encoder"));
    }

    public Path tokenizerDir() {
        return root.resolve("tokenizer");
    }

    /** Reads the folder's configs and checks that every component is present. */
    public static DecoderModelFolder load(Path root) {
        PriorModelFolder.requireFolder(root, "decoder");
        ConfigReader index = ConfigReader.read(root.resolve("model_index.json"));
        String cls = index.optString("_class_name", CLASS_NAME);
        if (!cls.equals(CLASS_NAME) && !cls.equals("WuerstchenCombinedPipeline")) {
            throw index.invalid("_class_name", "is '" + cls + "', but a Würstchen decoder folder (" + CLASS_NAME
                    + ", e.g. warp-ai/wuerstchen) is needed here");
        }
        double scale = index.optDouble("latent_dim_scale", 10.67);
        if (!(scale > 0)) {
            throw index.invalid("latent_dim_scale", "must be positive, got " + scale);
        }
        for (String component : new String[] {"decoder", "text_encoder", "tokenizer", "vqgan", "scheduler"}) {
            PriorModelFolder.requireComponent(root, component);
        }
        DecoderModelFolder f = new DecoderModelFolder(root, scale,
                DecoderConfig.load(root.resolve("decoder/config.json")), VqganConfig.load(root.resolve("vqgan/config.json")),
                ClipTextConfig.load(root.resolve("text_encoder/config.json")),
                SchedulerConfig.load(root.resolve("scheduler/scheduler_config.json")));
        f.decoderWeights();
        f.vqganWeights();
        f.textEncoderWeights();
        return f;
    }
}
