package dev.wuerstchen.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.checkpoint.TensorInfo;
import dev.wuerstchen.api.config.PriorConfig;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.models.prior.WuerstchenPrior;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class SyntheticCheckpointTest {

    private static ParameterManifest manifest() {
        return new ParameterManifest.Builder("test")
                .add("blocks.0.channelwise.0.weight", 2048, 512) // fan-in 512
                .add("blocks.0.channelwise.0.bias", 2048)
                .add("blocks.1.mapper.weight", 3072, 64)
                .add("blocks.0.channelwise.2.gamma", 1, 1, 1, 4096)
                .add("encoder.layers.0.layer_norm1.weight", 4096)
                .add("down_blocks.3.1.running_var", 4096)
                .add("down_blocks.1.0.1.weight", 640, 320, 2, 2) // conv: fan-in 320·2·2
                .build();
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f;
        }
        return s / v.length;
    }

    private static double std(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float f : v) {
            s += (f - m) * (f - m);
        }
        return Math.sqrt(s / v.length);
    }

    @Test
    void listsExactlyTheManifestWithContiguousPlaceholderOffsets() {
        ParameterManifest m = manifest();
        try (SyntheticCheckpoint c = new SyntheticCheckpoint(m, 1)) {
            assertEquals(m.parameters().keySet(), c.names());
            long offset = 0;
            for (Map.Entry<String, Shape> e : m.parameters().entrySet()) {
                TensorInfo info = c.info(e.getKey());
                assertEquals(e.getValue(), info.shape());
                assertEquals(DType.F32, info.dtype());
                assertEquals(c.source(), info.file());
                assertEquals(offset, info.fileOffset());
                assertEquals(e.getValue().elementCount() * 4, info.byteLength());
                offset += info.byteLength();
                HostTensor t = c.read(e.getKey());
                assertEquals(e.getValue(), t.shape());
                assertEquals(DType.F32, t.dtype());
            }
            assertEquals(offset, c.byteSize());
            m.check(c.names(), n -> c.info(n).shape()); // what a backend does before loading
        }
    }

    @Test
    void valuesDependOnSeedAndNameOnlyNotOnThreads() throws Exception {
        String name = "blocks.0.channelwise.0.weight"; // 1M elements: 16 blocks filled in parallel
        float[] a;
        float[] b;
        try (SyntheticCheckpoint c1 = new SyntheticCheckpoint(manifest(), 7);
                SyntheticCheckpoint c2 = new SyntheticCheckpoint(manifest(), 7)) {
            a = c1.read(name).toFloatArray();
            b = c2.read(name).toFloatArray();
            assertArrayEquals(a, b);
            ForkJoinPool single = new ForkJoinPool(1);
            try {
                float[] sequential = single.submit(() -> c1.read(name).toFloatArray()).get();
                assertArrayEquals(a, sequential);
            } finally {
                single.shutdown();
            }
        }
        try (SyntheticCheckpoint other = new SyntheticCheckpoint(manifest(), 8)) {
            float[] c = other.read(name).toFloatArray();
            assertFalse(java.util.Arrays.equals(a, c));
        }
        // distinct blocks of one tensor are not copies of each other
        assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOfRange(a, 0, SyntheticCheckpoint.BLOCK),
                java.util.Arrays.copyOfRange(a, SyntheticCheckpoint.BLOCK, 2 * SyntheticCheckpoint.BLOCK)));
    }

    @Test
    void scalesFollowTheRoleOfEachTensor() {
        try (SyntheticCheckpoint c = new SyntheticCheckpoint(manifest(), 3)) {
            float[] w = c.read("blocks.0.channelwise.0.weight").toFloatArray();
            assertEquals(0, mean(w), 1e-3);
            assertEquals(1 / Math.sqrt(512), std(w), 0.01 / Math.sqrt(512));

            float[] conv = c.read("down_blocks.1.0.1.weight").toFloatArray();
            assertEquals(1 / Math.sqrt(320 * 4), std(conv), 0.02 / Math.sqrt(320 * 4));

            float[] mapper = c.read("blocks.1.mapper.weight").toFloatArray();
            assertEquals(0.1 / 8, std(mapper), 0.002 / 8); // fan-in 64, shrunk 10×

            assertEquals(0.02, std(c.read("blocks.0.channelwise.0.bias").toFloatArray()), 0.002);
            assertEquals(0.1, std(c.read("blocks.0.channelwise.2.gamma").toFloatArray()), 0.01);

            float[] gain = c.read("encoder.layers.0.layer_norm1.weight").toFloatArray();
            assertEquals(1, mean(gain), 0.002);

            for (float v : c.read("down_blocks.3.1.running_var").toFloatArray()) {
                assertTrue(v >= 1f, "a variance must be positive, got " + v);
            }
        }
    }

    @Test
    void publishedPriorHasTheSpecSizeWithoutAllocatingIt() {
        try (SyntheticCheckpoint c = new SyntheticCheckpoint(new WuerstchenPrior(PriorConfig.PUBLISHED).manifest(), 1)) {
            assertEquals(648, c.names().size()); // spec 2.4
            assertEquals(993_636_896L * 4, c.byteSize());
        }
    }

    @Test
    void unknownNamesAndClosedCheckpointsFailClearly() {
        SyntheticCheckpoint c = new SyntheticCheckpoint(manifest(), 1);
        var e = assertThrows(CheckpointException.class, () -> c.info("nope.weight"));
        assertTrue(e.getMessage().contains("nope.weight"), e.getMessage());
        c.close();
        c.close(); // idempotent
        var closed = assertThrows(IllegalStateException.class, () -> c.read("blocks.0.channelwise.0.bias"));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }
}
