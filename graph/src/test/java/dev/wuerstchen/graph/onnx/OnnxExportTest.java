package dev.wuerstchen.graph.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.backend.ReferenceBackend;
import dev.wuerstchen.api.checkpoint.Checkpoints;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.TensorMath;
import dev.wuerstchen.graph.GraphTracer;
import dev.wuerstchen.graph.TinyNet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Export of a whole network: numbers (run on ONNX Runtime against the reference backend), the shared
 * external weights file, determinism, the cache, and the ONNX structure.
 */
class OnnxExportTest extends TinyNetCheckpoint {

    private static final Map<String, HostTensor> SMALL = TinyNet.inputs(11, 1, 5, 6, 7);
    private static final Map<String, HostTensor> LARGE = TinyNet.inputs(12, 2, 8, 4, 9);

    private ExportedGraph export(Map<String, HostTensor> inputs, Path cache) {
        return OnnxExporter.export(new TinyNet(), ckpt, TinyNet.shapes(inputs), cache, s -> { });
    }

    @Test
    void exportedGraphsComputeWhatTheReferenceComputes() {
        Path cache = tmp.resolve("cache");
        try (Network reference = new ReferenceBackend().load(new TinyNet(), ckpt, Precision.F32)) {
            for (Map<String, HostTensor> inputs : List.of(SMALL, LARGE)) {
                ExportedGraph g = export(inputs, cache);
                Map<String, HostTensor> actual = OrtRunner.run(g.modelFile(), inputs);
                Map<String, HostTensor> expected = reference.run(inputs).values();
                assertEquals(expected.keySet(), actual.keySet());
                for (String name : expected.keySet()) {
                    assertEquals(expected.get(name).shape(), actual.get(name).shape(), name);
                    double rel = TensorMath.relativeL2(actual.get(name).toFloatArray(), expected.get(name).toFloatArray());
                    assertTrue(rel < 1e-5, name + " at " + TinyNet.shapes(inputs) + ": relative L2 " + rel);
                }
            }
        }
    }

    @Test
    void twoInputShapesShareOneWeightsFileWrittenOnce() throws IOException {
        Path cache = tmp.resolve("cache");
        ExportedGraph first = export(SMALL, cache);
        BasicFileAttributes before = Files.readAttributes(first.weightsFile(), BasicFileAttributes.class);
        ExportedGraph second = export(LARGE, cache);
        BasicFileAttributes after = Files.readAttributes(second.weightsFile(), BasicFileAttributes.class);

        assertEquals(first.weightsFile(), second.weightsFile());
        assertNotEquals(first.modelFile(), second.modelFile());
        assertEquals(before.fileKey(), after.fileKey(), "the weights file was replaced");
        assertEquals(before.lastModifiedTime(), after.lastModifiedTime(), "the weights file was rewritten");
        // both models point at the same file; nothing but the models, the weights and the index is left behind
        for (ExportedGraph g : List.of(first, second)) {
            for (OnnxModelReader.InitializerView i : OnnxModelReader.parse(Files.readAllBytes(g.modelFile())).initializers()) {
                if (!i.externalData().isEmpty()) {
                    assertEquals(first.weightsFile().getFileName().toString(), i.externalData().get("location"));
                }
            }
        }
        try (Stream<Path> files = Files.list(first.weightsFile().getParent())) {
            assertEquals(Set.of("tiny-net.weights", "tiny-net.weights.json", first.modelFile().getFileName().toString(),
                    second.modelFile().getFileName().toString()),
                    files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    @Test
    void weightsFileHoldsEveryTensorAsFloat32AtAlignedOffsets() throws IOException {
        ExportedGraph g = export(SMALL, tmp.resolve("cache"));
        WeightsIndex index = WeightsIndex.readOrNull(g.weightsFile().resolveSibling("tiny-net.weights.json"));
        byte[] file = Files.readAllBytes(g.weightsFile());
        assertEquals(index.totalBytes(), file.length);
        assertEquals(new TinyNet().manifest().parameters().keySet(),
                index.tensors().stream().map(WeightsIndex.Entry::name).collect(Collectors.toCollection(java.util.LinkedHashSet::new)));
        for (WeightsIndex.Entry e : index.tensors()) {
            assertEquals(0, e.offset() % 4096, e.name() + " offset");
            // F16 and BF16 tensors are stored converted, equal to what the checkpoint reads as float32
            float[] expected = ckpt.read(e.name()).toFloatArray();
            float[] stored = new float[expected.length];
            ByteBuffer.wrap(file, (int) e.offset(), (int) e.length()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(stored);
            assertArrayEquals(expected, stored, e.name());
        }
    }

    @Test
    void exportIsDeterministic() throws IOException {
        ExportedGraph a = export(LARGE, tmp.resolve("a"));
        ExportedGraph b = export(LARGE, tmp.resolve("b"));
        assertArrayEquals(Files.readAllBytes(a.modelFile()), Files.readAllBytes(b.modelFile()));
        assertArrayEquals(Files.readAllBytes(a.weightsFile()), Files.readAllBytes(b.weightsFile()));
        // the writer alone, twice on equal graphs traced separately
        byte[] x = OnnxModelWriter.toBytes(GraphTracer.trace(new TinyNet(), TinyNet.shapes(LARGE)),
                k -> new ExternalWeight("w", 0, 4 * ckpt.info(k).shape().elementCount()));
        byte[] y = OnnxModelWriter.toBytes(GraphTracer.trace(new TinyNet(), TinyNet.shapes(LARGE)),
                k -> new ExternalWeight("w", 0, 4 * ckpt.info(k).shape().elementCount()));
        assertArrayEquals(x, y);
    }

    @Test
    void aSecondExportWritesNothing() throws IOException {
        Path cache = tmp.resolve("cache");
        ExportedGraph first = export(SMALL, cache);
        BasicFileAttributes model = Files.readAttributes(first.modelFile(), BasicFileAttributes.class);
        BasicFileAttributes weights = Files.readAttributes(first.weightsFile(), BasicFileAttributes.class);
        ExportedGraph again = export(SMALL, cache);
        assertEquals(first, again);
        assertEquals(model.fileKey(), Files.readAttributes(again.modelFile(), BasicFileAttributes.class).fileKey());
        assertEquals(weights.fileKey(), Files.readAttributes(again.weightsFile(), BasicFileAttributes.class).fileKey());
    }

    @Test
    void aChangedCheckpointGetsItsOwnCacheFolder() throws IOException {
        Path cache = tmp.resolve("cache");
        ExportedGraph before = export(SMALL, cache);
        ckpt.close();
        Files.setLastModifiedTime(checkpointFile, FileTime.fromMillis(Files.getLastModifiedTime(checkpointFile).toMillis() - 60_000));
        ckpt = Checkpoints.open(checkpointFile);
        ExportedGraph after = export(SMALL, cache);
        assertNotEquals(before.weightsFile().getParent(), after.weightsFile().getParent());
    }

    @Test
    void aDamagedIndexIsRepairedNotTrusted() throws IOException {
        Path cache = tmp.resolve("cache");
        ExportedGraph first = export(SMALL, cache);
        Path index = first.weightsFile().resolveSibling("tiny-net.weights.json");
        Files.writeString(index, "{ not json");
        Files.write(first.weightsFile(), new byte[10]);
        ExportedGraph second = export(SMALL, cache);
        assertEquals(WeightsIndex.plan(new TinyNet().manifest(), "tiny-net.weights", WeightsIndex.readOrNull(index).checkpoint()),
                WeightsIndex.readOrNull(index));
        assertEquals(WeightsIndex.readOrNull(index).totalBytes(), Files.size(second.weightsFile()));
        Map<String, HostTensor> out = OrtRunner.run(second.modelFile(), SMALL);
        assertTrue(Float.isFinite(out.get(TinyNet.TEXT).toFloatArray()[0]));
    }

    @Test
    void modelIsStandardOnnxWithExternalWeights() throws IOException {
        ExportedGraph g = export(SMALL, tmp.resolve("cache"));
        OnnxModelReader m = OnnxModelReader.parse(Files.readAllBytes(g.modelFile()));
        assertEquals(8, m.irVersion());
        assertEquals(Map.of("", 17L), m.opsets());
        assertTrue(m.nodes().stream().allMatch(n -> n.domain().isEmpty()), "only default-domain operators");
        assertEquals(List.of(TinyNet.IMAGE, TinyNet.TOKENS, TinyNet.MASK), m.inputs());
        assertEquals(List.of(TinyNet.PIXELS, TinyNet.TEXT), m.outputs());
        WeightsIndex index = WeightsIndex.readOrNull(g.weightsFile().resolveSibling("tiny-net.weights.json"));
        Map<String, WeightsIndex.Entry> entries = index.byName();
        long external = 0;
        for (OnnxModelReader.InitializerView i : m.initializers()) {
            WeightsIndex.Entry e = entries.get(i.name());
            if (e == null) {
                assertTrue(i.name().startsWith("/"), "inline constants have internal names: " + i.name());
                continue;
            }
            external++;
            assertFalse(i.hasRawData(), i.name());
            assertEquals(1, i.dataLocation(), i.name() + " data_location");
            assertEquals(1, i.dataType(), i.name() + " is FLOAT");
            assertEquals(Map.of("location", "tiny-net.weights", "offset", Long.toString(e.offset()), "length",
                    Long.toString(e.length())), i.externalData());
            assertEquals(java.util.Arrays.stream(e.shape().dims()).asLongStream().boxed().toList(), i.dims());
        }
        assertEquals(entries.size(), external);
    }
}
