package dev.wuerstchen.graph.onnx;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.io.AtomicFiles;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.graph.Graph;
import dev.wuerstchen.graph.GraphTracer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Exports a network for one set of input shapes as ONNX into an on-disk cache that every graph
 * backend (ONNX Runtime, OpenVINO) can share.
 *
 * <p>Cache layout, under {@code cacheDir}:
 * <pre>
 * .lock                                   held while a network's folder is written (ExportLock)
 * &lt;network&gt;-&lt;key&gt;/                       key: checkpoint identity + manifest (CheckpointIdentity)
 *     &lt;network&gt;.weights                  every manifest weight, float32, 4096-aligned (external data)
 *     &lt;network&gt;.weights.json             its index: name → offset, length, shape
 *     &lt;network&gt;-&lt;input shapes&gt;-&lt;hash&gt;.onnx one small model per input-shape signature
 * </pre>
 * The weights are copied once per checkpoint; a new input shape traces the network again and writes
 * only a new model file. {@code <hash>} is a short hash of the model's bytes and the checkpoint key:
 * OpenVINO's {@code CACHE_DIR} recognises a model file only by path, size and modification time (to
 * the second), so a changed export must never take the name of an earlier one. A model file whose
 * bytes equal what the exporter would write is left alone, so a second run writes nothing. All writes
 * are atomic; {@code .*.part} files older than {@value #STALE_PART_HOURS} hour that an interrupted
 * process left in a network's folder are deleted when that folder is next exported into.
 */
public final class OnnxExporter {

    /** Age after which a temporary {@code .part} file in a network's folder is taken as abandoned. */
    static final int STALE_PART_HOURS = 1;

    /** Bytes of the model hash in a model file name (twice as many hex digits). */
    private static final int MODEL_HASH_BYTES = 6;

    private OnnxExporter() {
    }

    /**
     * Exports {@code def} traced at {@code inputShapes} (keyed by input name), with the weights of
     * {@code ckpt}, into {@code cacheDir}; returns the model file and weights file to load.
     *
     * @param progress receives one-line messages (weights written, model written or reused)
     * @throws dev.wuerstchen.api.error.WeightsMismatchException if the checkpoint does not fit the manifest
     * @throws dev.wuerstchen.api.error.ShapeMismatchException if the shapes do not fit the network
     * @throws dev.wuerstchen.api.error.OutputFileException if the cache cannot be written
     */
    public static ExportedGraph export(NetworkDefinition def, Checkpoint ckpt, Map<String, Shape> inputShapes,
            Path cacheDir, Consumer<String> progress) {
        return export(def, ckpt, inputShapes, cacheDir, ExportListener.of(progress));
    }

    /** As {@link #export(NetworkDefinition, Checkpoint, Map, Path, Consumer)}, with byte progress for the weights. */
    public static ExportedGraph export(NetworkDefinition def, Checkpoint ckpt, Map<String, Shape> inputShapes,
            Path cacheDir, ExportListener listener) {
        Objects.requireNonNull(def, "network definition");
        Objects.requireNonNull(ckpt, "checkpoint");
        Objects.requireNonNull(cacheDir, "cache folder");
        ExportListener log = listener == null ? ExportListener.of(null) : listener;
        ParameterManifest manifest = def.manifest();
        manifest.check(ckpt.names(), n -> ckpt.info(n).shape());

        long started = System.nanoTime();
        Graph graph = GraphTracer.trace(def, inputShapes);
        String network = safeName(def.name());
        String key = CheckpointIdentity.key(ckpt, manifest);
        Path dir = cacheDir.toAbsolutePath().normalize().resolve(network + "-" + key);
        ExportLock lock = ExportLock.acquire(cacheDir, log);
        try {
            deleteStaleParts(dir, log);
            WeightsIndex index = weights(dir, network, manifest, ckpt, key, log);
            Map<String, WeightsIndex.Entry> entries = index.byName();
            byte[] model = OnnxModelWriter.toBytes(graph, k -> {
                WeightsIndex.Entry e = entries.get(k);
                if (e == null) {
                    throw new IllegalStateException(def.name() + ": the graph reads weight '" + k
                            + "', which the weights index does not hold. This is a bug in the exporter.");
                }
                return new ExternalWeight(index.weightsFile(), e.offset(), e.length());
            });
            Path modelFile = dir.resolve(network + "-" + signature(def, inputShapes) + "-" + modelHash(model, key) + ".onnx");
            if (sameContent(modelFile, model)) {
                log.message(def.name() + ": using the cached graph " + modelFile.getFileName());
            } else {
                AtomicFiles.write(modelFile, model);
                log.message(String.format(Locale.ROOT, "%s: exported %d recorded ops (%.1f KiB) to %s in %.2f s", def.name(),
                        graph.nodes().size(), model.length / 1024.0, modelFile, (System.nanoTime() - started) / 1e9));
            }
            return new ExportedGraph(modelFile, dir.resolve(index.weightsFile()), def.inputs(), def.outputs());
        } finally {
            lock.close();
        }
    }

    /** The weights file of this checkpoint, written now unless a complete one with the same layout exists. */
    private static WeightsIndex weights(Path dir, String network, ParameterManifest manifest, Checkpoint ckpt,
            String key, ExportListener log) {
        String fileName = network + ".weights";
        Path weightsFile = dir.resolve(fileName);
        Path indexFile = dir.resolve(fileName + ".json");
        WeightsIndex planned = WeightsIndex.plan(manifest, fileName, key);
        if (planned.equals(WeightsIndex.readOrNull(indexFile)) && sizeIs(weightsFile, planned.totalBytes())) {
            return planned;
        }
        // Weights first, index second: an index on disk always describes a complete weights file.
        WeightsWriter.write(weightsFile, planned, ckpt, network, log);
        AtomicFiles.write(indexFile, planned.toJson());
        return planned;
    }

    /**
     * Input shapes in positional order, readable: {@code x_2x16x24x24-r_2-c_2x77x1280}; hashed if it
     * would make a very long file name.
     */
    static String signature(NetworkDefinition def, Map<String, Shape> shapes) {
        StringJoiner j = new StringJoiner("-");
        for (TensorSpec in : def.inputs()) {
            Shape s = shapes.get(in.name());
            StringJoiner dims = new StringJoiner("x");
            Arrays.stream(s.dims()).forEach(d -> dims.add(Integer.toString(d)));
            j.add(in.name().replaceAll("[^A-Za-z0-9]", "_") + "_" + (s.rank() == 0 ? "scalar" : dims.toString()));
        }
        String sig = j.toString();
        if (sig.length() <= 120) {
            return sig;
        }
        byte[] digest = CheckpointIdentity.sha256().digest(sig.getBytes(StandardCharsets.UTF_8));
        return "shapes_" + HexFormat.of().formatHex(digest, 0, 8);
    }

    /** A short hash of the model bytes and the checkpoint key (which the bytes do not contain). */
    static String modelHash(byte[] model, String checkpointKey) {
        MessageDigest sha = CheckpointIdentity.sha256();
        sha.update(model);
        sha.update(("\ncheckpoint " + checkpointKey).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest(), 0, MODEL_HASH_BYTES);
    }

    /** Deletes {@code .*.part} files older than {@value #STALE_PART_HOURS} hour in {@code dir}, if it exists. */
    private static void deleteStaleParts(Path dir, ExportListener log) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Instant before = Instant.now().minus(Duration.ofHours(STALE_PART_HOURS));
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, ".*.part")) {
            for (Path p : parts) {
                try {
                    if (Files.isRegularFile(p) && Files.getLastModifiedTime(p).toInstant().isBefore(before)) {
                        long bytes = Files.size(p);
                        Files.deleteIfExists(p);
                        log.message(String.format(Locale.ROOT, "%s: deleted %s (%.1f MiB), left by an interrupted export",
                                dir.getFileName(), p.getFileName(), bytes / (1024.0 * 1024)));
                    }
                } catch (IOException e) {
                    log.message(p + ": could not delete this leftover of an interrupted export (" + e.getMessage() + ")");
                }
            }
        } catch (IOException e) {
            log.message(dir + ": could not look for leftovers of interrupted exports (" + e.getMessage() + ")");
        }
    }

    private static String safeName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }

    private static boolean sizeIs(Path file, long size) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == size;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean sameContent(Path file, byte[] content) {
        try {
            return sizeIs(file, content.length) && Arrays.equals(Files.readAllBytes(file), content);
        } catch (IOException e) {
            return false;
        }
    }
}
