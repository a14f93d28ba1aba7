package dev.wuerstchen.api.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardedCheckpointTest {

    private static final String S1 = "model-00001-of-00002.safetensors";
    private static final String S2 = "model-00002-of-00002.safetensors";

    @TempDir
    Path dir;

    private final HostTensor a = HostTensor.of(Shape.of(2, 2), new float[] {1, 2, 3, 4});
    private final HostTensor b = HostTensor.of(Shape.of(3), new long[] {7, 8, 9});
    private final HostTensor c = HostTensor.of(Shape.of(1), new float[] {-0.5f});

    @BeforeEach
    void writeShards() {
        LinkedHashMap<String, HostTensor> one = new LinkedHashMap<>();
        one.put("a", a);
        one.put("b", b);
        SafetensorsWriter.write(dir.resolve(S1), one, Map.of("format", "pt"));
        SafetensorsWriter.write(dir.resolve(S2), new LinkedHashMap<>(Map.of("c", c)), Map.of());
    }

    private Path index(Map<String, String> weightMap) throws IOException {
        String entries = weightMap.entrySet().stream().map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", "));
        return Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"metadata\": {\"total_size\": 32}, \"weight_map\": {" + entries + "}}");
    }

    private static String problem(Path index) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> ShardedCheckpoint.open(index).close());
        assertEquals(index, e.file());
        assertTrue(e.getMessage().startsWith(index + ": "), e.getMessage());
        return e.getMessage();
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), () -> "'" + message + "' lacks '" + part + "'");
    }

    @Test
    void readsBackThroughTheIndexAndTheFolder() throws IOException {
        Path index = index(Map.of("a", S1, "b", S1, "c", S2));
        try (Checkpoint ck = Checkpoints.open(dir)) { // WeightFiles finds model.safetensors.index.json
            ShardedCheckpoint sharded = assertInstanceOf(ShardedCheckpoint.class, ck);
            assertEquals(index, ck.source());
            assertEquals(Set.of("a", "b", "c"), ck.names());
            assertEquals(List.of(dir.resolve(S1), dir.resolve(S2)), sharded.shardFiles());
            assertArrayEquals(a.toFloatArray(), ck.read("a").toFloatArray());
            assertArrayEquals(b.toLongArray(), ck.read("b").toLongArray());
            assertArrayEquals(c.toFloatArray(), ck.read("c").toFloatArray());
            assertEquals(dir.resolve(S2), ck.info("c").file().toAbsolutePath());
            assertEquals(4, sharded.rawBytes("c").byteSize());
            CheckpointException e = assertThrows(CheckpointException.class, () -> ck.info("d"));
            assertContains(e.getMessage(), index + ": holds no tensor named 'd'");
        }
    }

    @Test
    void missingShardNamesShardAndIndex() throws IOException {
        Path index = index(Map.of("a", S1, "b", S1, "c", "model-00003-of-00003.safetensors"));
        assertContains(problem(index), "shard 'model-00003-of-00003.safetensors' named in the weight_map is missing");
    }

    @Test
    void nameInIndexButNotInItsShard() throws IOException {
        Path index = index(Map.of("a", S1, "b", S1, "c", S2, "d", S1));
        assertContains(problem(index), "'d' is mapped to shard '" + S1 + "', which does not hold it");
    }

    @Test
    void tensorInShardButNotInIndex() throws IOException {
        Path index = index(Map.of("a", S1, "c", S2));
        assertContains(problem(index), "shard '" + S1 + "' holds 'b', which the weight_map does not list");
    }

    @Test
    void tensorInTwoShards() throws IOException {
        SafetensorsWriter.write(dir.resolve(S2), new LinkedHashMap<>(Map.of("c", c, "a", a)), Map.of());
        Path index = index(Map.of("a", S1, "b", S1, "c", S2));
        assertContains(problem(index), "shard '" + S2 + "' holds 'a', which the weight_map assigns to '" + S1 + "'");
    }

    @Test
    void malformedIndex() throws IOException {
        Path index = dir.resolve("model.safetensors.index.json");
        Files.writeString(index, "{\"weight_map\": {\"a\": ");
        assertContains(problem(index), "shard index is not valid JSON");
        Files.writeString(index, "{\"metadata\": {}}");
        assertContains(problem(index), "shard index has no 'weight_map' object");
        Files.writeString(index, "{\"weight_map\": {\"a\": 3}}");
        assertContains(problem(index), "weight_map entry 'a' is 3, not a shard file name");
        Files.writeString(index, "{\"weight_map\": {\"a\": \"" + S1 + "\", \"a\": \"" + S2 + "\"}}");
        assertContains(problem(index), "Duplicate field 'a'");
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseFails() throws IOException {
        Path index = index(Map.of("a", S1, "b", S1, "c", S2));
        ShardedCheckpoint ck = ShardedCheckpoint.open(index);
        HostTensor kept = ck.read("a");
        var raw = ck.rawBytes("c");
        ck.close();
        ck.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ck.read("a"));
        assertContains(e.getMessage(), index.toString());
        assertThrows(IllegalStateException.class, ck::names);
        assertThrows(IllegalStateException.class, () -> raw.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0),
                "the shard was unmapped");
        assertArrayEquals(a.toFloatArray(), kept.toFloatArray(), "tensors read before close stay valid");
    }
}
