package dev.wuerstchen.api.config;

import dev.wuerstchen.api.checkpoint.WeightFiles;
import dev.wuerstchen.api.error.CheckpointException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A diffusers prior folder as published in {@code warp-ai/wuerstchen-prior}: model_index.json,
 * {@code prior/}, {@code text_encoder/}, {@code tokenizer/}, {@code scheduler/} — or the prior half of
 * a saved combined pipeline, whose components carry the prefix {@code prior_}.
 *
 * @param prefix the component-folder prefix: empty, or {@code prior_} in a combined pipeline folder
 */
public record PriorModelFolder(Path root, String prefix, PriorPipelineConstants constants, PriorConfig prior,
        ClipTextConfig textEncoder, SchedulerConfig scheduler) {

    public static final String CLASS_NAME = "WuerstchenPriorPipeline";
    public static final String COMBINED_CLASS_NAME = "WuerstchenCombinedPipeline";

    public Path priorWeights() {
        return WeightFiles.find(component("prior"));
    }

    public Path textEncoderWeights() {
        return WeightFiles.find(component("text_encoder"));
    }

    public Path tokenizerDir() {
        return component("tokenizer");
    }

    private Path component(String name) {
        return root.resolve(prefix + name);
    }

    /** Reads the folder's configs and checks that every component is present. */
    public static PriorModelFolder load(Path root) {
        requireFolder(root, "prior");
        ConfigReader index = ConfigReader.read(root.resolve("model_index.json"));
        String cls = index.optString("_class_name", CLASS_NAME);
        if (!cls.equals(CLASS_NAME) && !cls.equals(COMBINED_CLASS_NAME)) {
            throw index.invalid("_class_name", "is '" + cls + "', but a Würstchen prior folder (" + CLASS_NAME
                    + ", e.g. warp-ai/wuerstchen-prior) is needed here");
        }
        // the combined pipeline builds its prior part with the prior pipeline's default constants
        double multiple = index.optDouble("resolution_multiple", 42.67);
        if (!(multiple > 0)) {
            throw index.invalid("resolution_multiple", "must be positive, got " + multiple
                    + ". Restore the file from the original download");
        }
        PriorPipelineConstants constants = new PriorPipelineConstants(index.optDouble("latent_mean", 42.0),
                index.optDouble("latent_std", 1.0), multiple);
        String prefix = cls.equals(COMBINED_CLASS_NAME) ? "prior_" : "";
        for (String component : new String[] {"prior", "text_encoder", "tokenizer", "scheduler"}) {
            requireComponent(root, prefix + component);
        }
        PriorModelFolder f = new PriorModelFolder(root, prefix, constants,
                PriorConfig.load(root.resolve(prefix + "prior/config.json")),
                ClipTextConfig.load(root.resolve(prefix + "text_encoder/config.json")),
                SchedulerConfig.load(root.resolve(prefix + "scheduler/scheduler_config.json")));
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
