package dev.wuerstchen.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.TestTensors;
import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.HostTensor;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/** Native memory is released by the backend itself, not left to a garbage collector that may never run. */
class MemoryTest {

    @Test
    void repeatedRunsDoNotAccumulateNativeMemory() {
        int c = 8;
        // each run allocates ~16 tensors of 2 MB: without release 20 runs would leave ~600 MB resident
        HostTensor x = TestTensors.randn(1, 1, c, 256, 256);
        MapCheckpoint weights = new MapCheckpoint(Map.of("conv.weight", TestTensors.randn(2, c, c, 3, 3), "conv.bias",
                TestTensors.randn(3, c)));
        try (Backend b = new Nd4jBackendProvider().open(BackendOptions.DEFAULTS);
                Network n = b.load(new TinyNetwork(c, 4), weights, Precision.F32)) {
            Nd4jNetwork nd = (Nd4jNetwork) n;
            HostTensor first = null;
            long afterWarmUp = 0;
            for (int run = 0; run < 20; run++) {
                HostTensor y = n.run(Map.of("x", x)).get("y");
                assertEquals(0, nd.liveRunBytes(), "every intermediate is released when the run returns");
                if (run == 0) {
                    first = y;
                } else {
                    assertEquals(java.util.Arrays.hashCode(first.toFloatArray()), java.util.Arrays.hashCode(y.toFloatArray()),
                            "runs are repeatable");
                }
                if (run == 4) {
                    afterWarmUp = Pointer.totalBytes();
                }
            }
            // JavaCPP's count of native bytes not yet deallocated (process RSS also moves with the heap and JIT)
            long growth = Pointer.totalBytes() - afterWarmUp;
            assertTrue(growth < 16L << 20, "native memory grew by " + (growth >> 20) + " MB over 15 runs");
        }
    }

    @Test
    void unreachableIntermediatesAreReleasedDuringARun() {
        Allocations a = new Allocations(8L << 20); // ask for a collection every 8 MB
        Nd4jOps ops = new Nd4jOps(a);
        HostTensor x = TestTensors.randn(4, 1, 4, 256, 256); // 1 MB
        Tensor t = ops.constant(x);
        long peak = 0;
        for (int i = 0; i < 100; i++) { // 100 MB allocated in total, each step drops the previous tensor
            t = ops.addScalar(t, 1f);
            peak = Math.max(peak, a.liveBytes());
        }
        assertTrue(peak < 24L << 20, "live bytes peaked at " + (peak >> 20) + " MB");
        float[] expected = x.toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            for (int k = 0; k < 100; k++) {
                expected[i] += 1f;
            }
        }
        TestTensors.assertClose("still correct after sweeps", HostTensor.of(x.shape(), expected), Nd4jOps.toHost(t), 1e-7);
        a.releaseAll();
        assertEquals(0, a.liveBytes());
    }
}
