package dev.wuerstchen.api.config;

import dev.wuerstchen.api.checkpoint.WeightFiles;
import dev.wuerstchen.api.error.CheckpointException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A diffusers prior folder as published in {@code warp-ai/wuerstchen-prior}: model_index.json,
 * {@code prior/}, {@code text_encoder/}, {@code tokenizer/}, {@code scheduler/}.
 */
public record PriorModelFolder(Path root, PriorPipelineConstants constants, PriorConfig prior,
        ClipTextConfig textEncoder, SchedulerConfig scheduler) {

    public static final String CLASS_NAME = "WuerstchenPriorPipeline";

    public Path priorWeights() {
        return WeightFiles.find(root.resolve("prior"));
    }

    public Path textEncoderWeights() {
        return WeightFiles.find(root.resolve("text_encoder"));
    }

    public Path tokenizerDir() {
        return root.resolve("tokenizer");
    }

    /** Reads the folder's configs and checks that every component is present. */
    public static PriorModelFolder load(Path root) {
        requireFolder(root, "prior");
        ConfigReader index = ConfigReader.read(root.resolve("model_index.json"));
        String cls = index.optString("_class_name", CLASS_NAME);
        if (!cls.equals(CLASS_NAME) && !cls.equals("WuerstchenCombinedPipeline")) {
            throw index.invalid("_class_name", "is '" + cls + "', but a Würstchen prior folder (" + CLASS_NAME
                    + ", e.g. warp-ai/wuerstchen-prior) is needed here");
        }
        PriorPipelineConstants constants = new PriorPipelineConstants(index.optDouble("latent_mean", 42.0),
                index.optDouble("latent_std", 1.0), index.optDouble("resolution_multiple", 42.67));
        for (String component : new String[] {"prior", "text_encoder", "tokenizer", "scheduler"}) {
            requireComponent(root, component);
        }
        PriorModelFolder f = new PriorModelFolder(root, constants, PriorConfig.load(root.resolve("prior/config.json")),
                ClipTextConfig.load(root.resolve("text_encoder/config.json")),
                SchedulerConfig.load(root.resolve("scheduler/scheduler_config.json")));
        f.priorWeights();
        f.textEncoderWeights();
        return f;
    }

    static void requireFolder(Path root, String what) {
        if (!Files.isDirectory(root)) {
            throw new CheckpointException(root, "is not a folder. Pass the " + what
                    + " model folder as downloaded from Hugging Face");
        }
    }

    static void requireComponent(Path root, String component) {
        Path dir = root.resolve(component);
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException(dir, "component folder '" + component
                    + "' is missing. The model folder is incomplete; download the whole repository again");
        }
    }
}
