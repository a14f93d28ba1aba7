package dev.wuerstchen.bench;

import dev.wuerstchen.api.checkpoint.SafetensorsWriter;
import dev.wuerstchen.api.error.OutputFileException;
import dev.wuerstchen.api.io.ByteSizes;
import dev.wuerstchen.api.io.FileTrees;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.engine.ModelPair.Role;
import dev.wuerstchen.engine.demo.ModelFolderWriter;
import dev.wuerstchen.engine.demo.ModelPairConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A Würstchen pair with synthetic weights written in the diffusers layout, so {@code generate
 * --model-dir} can run the whole product path at the published sizes without the real checkpoints.
 * Weights come from {@link SyntheticCheckpoint} (deterministic, scaled by {@link WeightScale}), one
 * tensor at a time into {@link SafetensorsWriter}: the heap never holds more than the largest
 * tensor (the prior text encoder's 49408×1280 token table, 253 MB as float32).
 *
 * <p>The folder appears whole or not at all: it is written under a hidden sibling and renamed at
 * the end; a failed or interrupted write leaves nothing behind but that sibling, deleted on failure
 * and, when the process was killed, by the next attempt at the same folder.
 */
public final class SyntheticModel {

    /** Seed of the weights; each network adds its role's ordinal so the two text encoders differ. */
    public static final long SEED = LoadedWorkload.SEED;

    private SyntheticModel() {
    }

    /** The float types a synthetic model can be stored in, by the names {@code --dtype} takes. */
    public static DType parseDtype(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "float16", "fp16", "f16" -> DType.F16;
            case "bfloat16", "bf16" -> DType.BF16;
            case "float32", "fp32", "f32" -> DType.F32;
            default -> throw new IllegalArgumentException("weight type '" + name
                    + "' is unknown. Use float16 (the default, half the disk), bfloat16 or float32");
        };
    }

    /**
     * Writes the pair to {@code dir}, which must not exist or be an empty folder.
     *
     * @param dtype F16, BF16 or F32
     * @param progress receives a line per file and about every 5 % of the bytes
     * @return the bytes written
     * @throws IllegalArgumentException if {@code dir} exists and is not an empty folder
     * @throws OutputFileException if the folder cannot be written
     */
    public static long write(Path dir, ModelPairConfigs configs, DType dtype, Consumer<String> progress) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("synthetic weights are stored as F32, F16 or BF16, not " + dtype
                    + ". Use --dtype float16, bfloat16 or float32");
        }
        Path target = dir.toAbsolutePath().normalize();
        requireNewOrEmpty(target);
        Path tmp = FileTrees.partFolder(target);
        Progress p = new Progress(progress, configs.parameterCount() * dtype.byteSize());
        progress.accept(String.format(Locale.ROOT, "writing a synthetic Würstchen pair (%,d parameters, %s, %s) to %s",
                configs.parameterCount(), dtype.safetensorsName(), ByteSizes.human(p.total), target));
        boolean done = false;
        try {
            FileTrees.deleteAbandonedParts(target); // interrupted earlier attempts
            FileTrees.delete(tmp);
            Files.createDirectories(tmp);
            ModelFolderWriter.write(tmp, configs, (role, manifest, file) -> writeWeights(role, manifest, file, dtype,
                    p, tmp));
            requireNewOrEmpty(target); // another process may have made it meanwhile
            Files.deleteIfExists(target); // an empty folder: the rename needs the name free
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        } catch (IOException e) {
            throw new OutputFileException(target, e);
        } finally {
            if (!done) {
                try {
                    FileTrees.delete(tmp);
                } catch (RuntimeException ignored) {
                    // the next attempt deletes it first
                }
            }
        }
        progress.accept(String.format(Locale.ROOT, "wrote %s in %.1f s to %s", ByteSizes.human(p.total), p.seconds(), target));
        return p.total;
    }

    /**
     * Checks that {@code dir} can receive a synthetic model.
     *
     * @throws IllegalArgumentException if it exists and is not an empty folder
     */
    public static void requireNewOrEmpty(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        boolean empty;
        try (Stream<Path> s = Files.list(dir)) {
            empty = s.findAny().isEmpty();
        } catch (IOException e) {
            empty = false; // not a folder, or unreadable: either way not one to write into
        }
        if (!empty || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": exists and is not an empty folder. Name a new or empty folder; "
                    + "the synthetic model is never written over existing files");
        }
    }

    private static void writeWeights(Role role, ParameterManifest manifest, Path file, DType dtype, Progress p,
            Path root) {
        SyntheticCheckpoint weights = new SyntheticCheckpoint(manifest, SEED + role.ordinal());
        long bytes = manifest.elementCount() * dtype.byteSize();
        p.message(String.format(Locale.ROOT, "%s: %d tensors, %s", root.relativize(file), manifest.parameters().size(),
                ByteSizes.human(bytes)));
        List<SafetensorsWriter.Entry> entries = new ArrayList<>();
        manifest.parameters().forEach((name, shape) -> entries.add(new SafetensorsWriter.Entry(name, dtype, shape, () -> {
            HostTensor t = weights.read(name);
            p.advance(shape.elementCount() * dtype.byteSize());
            return t;
        })));
        SafetensorsWriter.write(file, entries, Map.of("format", "pt", "origin",
                "wuerstchen-java synthetic weights, seed " + (SEED + role.ordinal())));
    }

    /** Lines on a stream: one per file, and one each time another 5 % of all bytes is generated. */
    private static final class Progress {
        private final Consumer<String> out;
        private final long total;
        private final long start = System.nanoTime();
        private long done;
        private int lastTwentieth;

        Progress(Consumer<String> out, long total) {
            this.out = out;
            this.total = total;
        }

        void message(String line) {
            out.accept(String.format(Locale.ROOT, "  %s (%.0f s)", line, seconds()));
        }

        /** Called as a tensor is handed to the writer: it is written by the next call. */
        void advance(long bytes) {
            done += bytes;
            int twentieth = (int) (20 * done / Math.max(1, total));
            if (twentieth > lastTwentieth) {
                lastTwentieth = twentieth;
                double s = seconds();
                out.accept(String.format(Locale.ROOT, "  %s / %s (%d %%), %.0f s, ETA %.0f s", ByteSizes.human(done),
                        ByteSizes.human(total), 5 * twentieth, s, s * (total - done) / done));
            }
        }

        double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
