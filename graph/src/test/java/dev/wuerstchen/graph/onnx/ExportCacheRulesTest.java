package dev.wuerstchen.graph.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.Checkpoints;
import dev.wuerstchen.api.checkpoint.TensorInfo;
import dev.wuerstchen.api.io.CacheDirs;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.graph.TinyNet;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep the export cache from serving stale files: model file names follow the model's
 * bytes, checkpoint keys follow the files (and the object, where there are no files to follow),
 * leftovers of interrupted writes are cleaned up, and writers take turns.
 */
class ExportCacheRulesTest extends TinyNetCheckpoint {

    private static final Map<String, HostTensor> SMALL = TinyNet.inputs(11, 1, 5, 6, 7);

    private ExportedGraph export(NetworkDefinition def, Checkpoint c, Path cache, List<String> log) {
        return OnnxExporter.export(def, c, TinyNet.shapes(SMALL), cache, log::add);
    }

    /** TinyNet with one more op on an output: the same name, weights and shapes, another graph. */
    private record Changed(TinyNet inner) implements NetworkDefinition {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public ParameterManifest manifest() {
            return inner.manifest();
        }

        @Override
        public List<TensorSpec> inputs() {
            return inner.inputs();
        }

        @Override
        public List<TensorSpec> outputs() {
            return inner.outputs();
        }

        @Override
        public void checkInputs(Map<String, Shape> shapes) {
            inner.checkInputs(shapes);
        }

        @Override
        public Map<String, Tensor> forward(Ops ops, Weights weights, Map<String, Tensor> inputs) {
            Map<String, Tensor> out = new HashMap<>(inner.forward(ops, weights, inputs));
            out.put(TinyNet.TEXT, ops.scale(out.get(TinyNet.TEXT), 2f));
            return out;
        }
    }

    /** A checkpoint that is not a SafetensorsFile although its tensors live in one. */
    private record Wrapped(Checkpoint inner) implements Checkpoint {
        @Override
        public Path source() {
            return inner.source();
        }

        @Override
        public Set<String> names() {
            return inner.names();
        }

        @Override
        public TensorInfo info(String name) {
            return inner.info(name);
        }

        @Override
        public HostTensor read(String name) {
            return inner.read(name);
        }

        @Override
        public void close() {
            // the test closes the inner checkpoint
        }
    }

    @Test
    void aChangedExportNeverTakesTheNameOfAnEarlierOne() throws IOException {
        Path cache = tmp.resolve("cache");
        List<String> log = new ArrayList<>();
        ExportedGraph before = export(new TinyNet(), ckpt, cache, log);
        ExportedGraph after = export(new Changed(new TinyNet()), ckpt, cache, log);
        // same folder and weights (same checkpoint), same input shapes, other bytes: another file
        assertEquals(before.weightsFile(), after.weightsFile());
        assertNotEquals(before.modelFile(), after.modelFile());
        byte[] beforeBytes = Files.readAllBytes(before.modelFile());
        byte[] afterBytes = Files.readAllBytes(after.modelFile());
        assertFalse(java.util.Arrays.equals(beforeBytes, afterBytes));
        // the name ends in a hash of exactly these bytes and the folder's checkpoint key
        String key = before.modelFile().getParent().getFileName().toString().substring("tiny-net-".length());
        for (ExportedGraph g : List.of(before, after)) {
            String name = g.modelFile().getFileName().toString();
            String hash = OnnxExporter.modelHash(Files.readAllBytes(g.modelFile()), key);
            assertEquals(12, hash.length());
            assertEquals("tiny-net-" + OnnxExporter.signature(new TinyNet(), TinyNet.shapes(SMALL)) + "-" + hash + ".onnx",
                    name);
        }
        // the first model was not touched: it is still there for whoever compiled it
        assertTrue(java.util.Arrays.equals(beforeBytes, Files.readAllBytes(before.modelFile())));
    }

    @Test
    void checkpointKeysFollowTheFileNotJustItsSizeAndTime() throws IOException {
        ParameterManifest manifest = new TinyNet().manifest();
        String original = CheckpointIdentity.key(ckpt, manifest);
        assertEquals(original, CheckpointIdentity.key(ckpt, manifest), "the same file gives the same key");
        ckpt.close();
        // replaced by a copy with equal bytes, size and modification time: only ctime and inode differ
        FileTime mtime = Files.getLastModifiedTime(checkpointFile);
        Path copy = Files.copy(checkpointFile, tmp.resolve("copy.safetensors"));
        Files.setLastModifiedTime(copy, mtime);
        Files.move(copy, checkpointFile, StandardCopyOption.REPLACE_EXISTING);
        assertEquals(mtime, Files.getLastModifiedTime(checkpointFile));
        ckpt = Checkpoints.open(checkpointFile);
        boolean unix = checkpointFile.getFileSystem().supportedFileAttributeViews().contains("unix");
        if (unix) {
            assertNotEquals(original, CheckpointIdentity.key(ckpt, manifest));
        } else {
            assertEquals(original, CheckpointIdentity.key(ckpt, manifest), "without inodes only size and time count");
        }
    }

    @Test
    void checkpointsWithoutFilesToFollowNeverShareAKey() {
        ParameterManifest manifest = new TinyNet().manifest();
        Checkpoint a = new Wrapped(ckpt);
        Checkpoint b = new Wrapped(ckpt);
        String keyA = CheckpointIdentity.key(a, manifest);
        assertEquals(keyA, CheckpointIdentity.key(a, manifest), "one object keeps its key (its shapes share weights)");
        assertNotEquals(keyA, CheckpointIdentity.key(b, manifest), "an equal object is another checkpoint");
        assertNotEquals(keyA, CheckpointIdentity.key(ckpt, manifest));
        assertNotEquals(CheckpointIdentity.key(b, manifest), CheckpointIdentity.key(ckpt, manifest));
    }

    @Test
    void theCacheCommandRecognisesAnExportFolderAsItsOwn() throws IOException {
        Path onnx = tmp.resolve("cache").resolve("onnx");
        export(new TinyNet(), ckpt, onnx, new ArrayList<>());
        assertEquals(Optional.of(CacheDirs.Part.ONNX),
                CacheDirs.Part.of(onnx), "what `wuerstchen cache --clear` may delete");
    }

    @Test
    void abandonedPartFilesAreDeletedAndFreshOnesKept() throws IOException {
        Path cache = tmp.resolve("cache");
        List<String> log = new ArrayList<>();
        Path dir = export(new TinyNet(), ckpt, cache, log).weightsFile().getParent();
        Path abandoned = Files.write(dir.resolve(".tiny-net.weights.0123abcd.part"), new byte[2048]);
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofMinutes(61))));
        Path fresh = Files.write(dir.resolve(".tiny-net.weights.4567cdef.part"), new byte[16]);
        Files.setLastModifiedTime(fresh, FileTime.from(Instant.now().minus(Duration.ofMinutes(59))));
        log.clear();
        export(new TinyNet(), ckpt, cache, log);
        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(fresh), "a part file younger than an hour may belong to a running export");
        assertTrue(log.stream().anyMatch(m -> m.contains(abandoned.getFileName().toString())), log.toString());
    }

    @Test
    void exportsIntoOneCacheTakeTurnsAndHoldTheOsLock() throws Exception {
        Path cache = tmp.resolve("cache");
        List<String> log = new ArrayList<>();
        CompletableFuture<ExportedGraph> other;
        ExportLock held = ExportLock.acquire(cache, ExportListener.of(log::add));
        try {
            assertTrue(held.osLocked());
            // this process holds the OS lock on the file: a second lock from here overlaps
            try (FileChannel ch = FileChannel.open(cache.resolve(ExportLock.FILE_NAME), StandardOpenOption.WRITE)) {
                assertThrows(OverlappingFileLockException.class, ch::tryLock);
            }
            other = CompletableFuture.supplyAsync(() -> export(new TinyNet(), ckpt, cache, new ArrayList<>()));
            // the export must still be waiting for the lock after a while
            assertThrows(java.util.concurrent.TimeoutException.class, () -> other.get(300, TimeUnit.MILLISECONDS),
                    "an export went ahead while the cache was locked");
            try (var files = Files.list(cache)) {
                assertEquals(List.of(cache.resolve(ExportLock.FILE_NAME)), files.toList(), "nothing written yet");
            }
        } finally {
            held.close();
        }
        ExportedGraph g = other.get(60, TimeUnit.SECONDS);
        assertTrue(Files.isRegularFile(g.modelFile()));
        // released: the file can be locked again (and the lock file stays, see ExportLock)
        try (FileChannel ch = FileChannel.open(cache.resolve(ExportLock.FILE_NAME), StandardOpenOption.WRITE);
                var lock = ch.tryLock()) {
            assertTrue(lock != null && lock.isValid());
        }
    }
}
