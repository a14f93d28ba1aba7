package dev.wuerstchen.api.checkpoint;

import dev.wuerstchen.api.error.CheckpointException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens whatever holds a component's weights: a file, a shard index, or a component folder. */
public final class Checkpoints {

    private static final String INDEX_SUFFIX = ".safetensors.index.json";
    private static final String FILE_SUFFIX = ".safetensors";

    private Checkpoints() {
    }

    /**
     * Opens a {@code .safetensors} file, a {@code .safetensors.index.json} shard index, or a
     * component folder (through {@link WeightFiles#find(Path)}). The caller owns the result and must
     * close it.
     *
     * @throws CheckpointException if the path is none of these or its content is malformed
     */
    public static Checkpoint open(Path path) {
        if (Files.isDirectory(path)) {
            return open(WeightFiles.find(path));
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (name.endsWith(INDEX_SUFFIX)) {
            return ShardedCheckpoint.open(path);
        }
        if (name.endsWith(FILE_SUFFIX)) {
            return SafetensorsFile.open(path);
        }
        if (!Files.exists(path)) {
            throw new CheckpointException(path, "does not exist. Check the path; pass a .safetensors file, a "
                    + ".safetensors.index.json shard index or a component folder");
        }
        throw new CheckpointException(path, "is neither a .safetensors file, a .safetensors.index.json shard index nor "
                + "a folder. Pass one of these (PyTorch .bin, .pt and .ckpt weights are not read)");
    }
}
