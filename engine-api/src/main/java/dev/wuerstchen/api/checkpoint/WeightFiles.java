package dev.wuerstchen.api.checkpoint;

import dev.wuerstchen.api.error.CheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the weights file of one diffusers/transformers component folder. */
public final class WeightFiles {

    /** Full-precision names first, then sharded indexes, then precision variants. */
    private static final List<String> PREFERRED = List.of("diffusion_pytorch_model.safetensors", "model.safetensors",
            "diffusion_pytorch_model.safetensors.index.json", "model.safetensors.index.json");

    private WeightFiles() {
    }

    /**
     * The safetensors file (or shard index) of a component folder.
     *
     * @throws CheckpointException if the folder holds none, naming what it holds instead
     */
    public static Path find(Path componentDir) {
        if (!Files.isDirectory(componentDir)) {
            throw new CheckpointException(componentDir, "component folder is missing. The model folder is incomplete; "
                    + "download the whole repository again");
        }
        for (String name : PREFERRED) {
            Path p = componentDir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(componentDir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new CheckpointException(componentDir, "cannot be listed (" + e.getMessage() + ")", e);
        }
        for (String suffix : new String[] {".safetensors.index.json", ".safetensors"}) {
            for (Path p : files) {
                String n = p.getFileName().toString();
                // variants such as diffusion_pytorch_model.fp16.safetensors; shards are reached through their index
                if (n.endsWith(suffix) && !n.matches(".*-\\d{5}-of-\\d{5}\\.safetensors")) {
                    return p;
                }
            }
        }
        boolean hasBin = files.stream().anyMatch(p -> p.getFileName().toString().endsWith(".bin"));
        throw new CheckpointException(componentDir, hasBin
                ? "holds only PyTorch .bin weights, which this engine does not read (they can run code when loaded). "
                        + "Download the .safetensors files of this component"
                : "holds no .safetensors weights. The download is incomplete; download this component again");
    }
}
