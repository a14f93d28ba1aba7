package dev.wuerstchen.engine;

import dev.wuerstchen.api.config.ConfigReader;
import dev.wuerstchen.api.config.DecoderModelFolder;
import dev.wuerstchen.api.config.PriorModelFolder;
import dev.wuerstchen.api.error.CheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the prior and decoder folders are: given separately, or found inside one folder that holds
 * both (two sub-folders such as {@code wuerstchen-prior/} and {@code wuerstchen/} as downloaded, or a
 * saved combined pipeline).
 */
public record ModelLocation(Path priorDir, Path decoderDir) {

    /** Finds both halves inside one folder. */
    public static ModelLocation inFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException(dir, "is not a folder. Pass a folder holding the prior and decoder folders "
                    + "(wuerstchen-prior/ and wuerstchen/ as downloaded from Hugging Face)");
        }
        if (Files.isRegularFile(dir.resolve("model_index.json"))
                && PriorModelFolder.COMBINED_CLASS_NAME.equals(classOf(dir))) {
            return new ModelLocation(dir, dir);
        }
        Path prior = null;
        Path decoder = null;
        List<Path> subfolders = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            subfolders = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new CheckpointException(dir, "cannot be listed (" + e.getMessage() + ")", e);
        }
        for (Path sub : subfolders) {
            if (!Files.isRegularFile(sub.resolve("model_index.json"))) {
                continue;
            }
            String cls = classOf(sub);
            if (PriorModelFolder.CLASS_NAME.equals(cls) && prior == null) {
                prior = sub;
            } else if (DecoderModelFolder.CLASS_NAME.equals(cls) && decoder == null) {
                decoder = sub;
            }
        }
        if (prior == null || decoder == null) {
            throw new CheckpointException(dir, "holds no " + (prior == null ? "prior" : "decoder")
                    + " folder (a sub-folder whose model_index.json names "
                    + (prior == null ? PriorModelFolder.CLASS_NAME : DecoderModelFolder.CLASS_NAME)
                    + "). Download warp-ai/wuerstchen-prior and warp-ai/wuerstchen into it, or pass --prior-dir and --decoder-dir");
        }
        return new ModelLocation(prior, decoder);
    }

    public PriorModelFolder loadPrior() {
        return PriorModelFolder.load(priorDir);
    }

    public DecoderModelFolder loadDecoder() {
        return DecoderModelFolder.load(decoderDir);
    }

    private static String classOf(Path folder) {
        return ConfigReader.read(folder.resolve("model_index.json")).optString("_class_name", "");
    }
}
