package dev.wuerstchen.backend.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.api.tensor.TensorMath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export cache across runs and the session cache across input shapes. */
class OrtExportCacheTest {

    @TempDir
    Path cache;

    private final List<String> log = new ArrayList<>();

    private OrtBackend backend() {
        return new OrtBackend(OrtEnvironment.getEnvironment(), BackendOptions.DEFAULTS.withCacheDir(cache).withLog(log::add));
    }

    private HostTensor decode(HostTensor latents) {
        try (OrtBackend backend = backend(); Checkpoint ckpt = TinyVqgan.weights()) {
            Network n = backend.load(TinyVqgan.decode(), ckpt, Precision.F32);
            return n.run(Map.of("latents", latents)).get("sample");
        }
    }

    @Test
    void aSecondRunStartsWithoutExportingAgain() throws IOException {
        HostTensor in = TinyVqgan.golden("vqgan.decode.in");
        HostTensor first = decode(in);
        assertTrue(log.stream().anyMatch(s -> s.contains("writing")), "first run writes the weights: " + log);
        assertTrue(log.stream().anyMatch(s -> s.contains("exported")), "first run writes the model: " + log);
        Map<Path, Object> files = fileKeys();
        assertEquals(3, files.size(), "weights, index, one model: " + files.keySet());

        log.clear();
        HostTensor second = decode(in);
        assertTrue(log.stream().noneMatch(s -> s.contains("writing") || s.contains("exported")), "second run: " + log);
        assertTrue(log.stream().anyMatch(s -> s.contains("using the cached graph")), "second run: " + log);
        assertEquals(files, fileKeys(), "no cache file was replaced");
        assertArrayEquals(first.toFloatArray(), second.toFloatArray());
        double rel = TensorMath.relativeL2(second.toFloatArray(), TinyVqgan.golden("vqgan.decode.out").toFloatArray());
        assertTrue(rel < 1e-4, "decode vs golden: " + rel);
    }

    @Test
    void eachInputShapeGetsOneExportAndOneSession() throws IOException {
        HostTensor a = TinyVqgan.golden("vqgan.decode.in");
        Shape s = a.shape();
        HostTensor b = HostTensor.zeros(Shape.of(s.dim(0), s.dim(1), s.dim(2) / 2, s.dim(3)));
        try (OrtBackend backend = backend(); Checkpoint ckpt = TinyVqgan.weights()) {
            Network n = backend.load(TinyVqgan.decode(), ckpt, Precision.F32);
            HostTensor ya = n.run(Map.of("latents", a)).get("sample");
            HostTensor yb = n.run(Map.of("latents", b)).get("sample");
            HostTensor ya2 = n.run(Map.of("latents", a)).get("sample");
            assertEquals(Shape.of(s.dim(0), 3, s.dim(2) * 4 / 2, s.dim(3) * 4), yb.shape());
            assertArrayEquals(ya.toFloatArray(), ya2.toFloatArray());
        }
        // one export message per shape; the third call reused the first session without asking the exporter
        assertEquals(2, log.stream().filter(m -> m.contains("exported")).count(), log.toString());
        assertEquals(1, log.stream().filter(m -> m.contains("writing")).count(), "weights written once: " + log);
        try (Stream<Path> models = Files.walk(cache).filter(p -> p.toString().endsWith(".onnx"))) {
            assertEquals(2, models.count());
        }
    }

    @Test
    void onlyTheTwoMostRecentSessionsStayOpenAndEvictedOnesAreClosed() {
        HostTensor a = TinyVqgan.golden("vqgan.decode.in");
        Shape s = a.shape();
        HostTensor b = HostTensor.zeros(Shape.of(s.dim(0), s.dim(1), s.dim(2) / 2, s.dim(3)));
        HostTensor c = HostTensor.zeros(Shape.of(s.dim(0), s.dim(1), s.dim(2), s.dim(3) / 2));
        try (OrtBackend backend = backend(); Checkpoint ckpt = TinyVqgan.weights()) {
            OrtNetwork n = (OrtNetwork) backend.load(TinyVqgan.decode(), ckpt, Precision.F32);
            n.run(Map.of("latents", a));
            ai.onnxruntime.OrtSession forA = n.sessions().getFirst();
            n.run(Map.of("latents", b));
            ai.onnxruntime.OrtSession forB = n.sessions().getLast();
            n.run(Map.of("latents", a)); // a is now the most recent, b the least
            assertEquals(List.of(forB, forA), n.sessions());
            n.run(Map.of("latents", c));
            assertEquals(OrtNetwork.KEPT_SESSIONS, n.sessions().size());
            assertEquals(forA, n.sessions().getFirst());
            assertTrue(!n.sessions().contains(forB));
            assertThrows(IllegalStateException.class, forB::getNumInputs, "the evicted session was closed");
            assertEquals(1L, forA.getNumInputs());
            n.run(Map.of("latents", b)); // an evicted shape comes back from the export cache, evicting a
            assertThrows(IllegalStateException.class, forA::getNumInputs);
            List<ai.onnxruntime.OrtSession> open = n.sessions();
            n.close();
            for (ai.onnxruntime.OrtSession left : open) {
                assertThrows(IllegalStateException.class, left::getNumInputs, "closing the network closes the rest");
            }
        }
    }

    private Map<Path, Object> fileKeys() throws IOException {
        Map<Path, Object> keys = new TreeMap<>();
        // the exporter's lock file (graph's ExportLock) is not a cache file
        try (Stream<Path> files = Files.walk(cache).filter(Files::isRegularFile)
                .filter(p -> !p.getFileName().toString().equals(".lock"))) {
            for (Path p : files.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                keys.put(cache.relativize(p), List.of(a.fileKey(), a.lastModifiedTime()));
            }
        }
        return keys;
    }
}
