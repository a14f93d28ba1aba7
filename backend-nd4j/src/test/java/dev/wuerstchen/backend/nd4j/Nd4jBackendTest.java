package dev.wuerstchen.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.backend.Availability;
import dev.wuerstchen.api.TestTensors;
import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.ReferenceBackend;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.backend.BackendProvider;
import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.error.UnsupportedRequestException;
import dev.wuerstchen.api.error.WeightsMismatchException;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class Nd4jBackendTest {

    private static MapCheckpoint weights(int channels) {
        return new MapCheckpoint(Map.of("conv.weight", TestTensors.randn(1, channels, channels, 3, 3), "conv.bias",
                TestTensors.randn(2, channels), "bn.num_batches_tracked", HostTensor.of(Shape.of(), new long[] {7})));
    }

    private static Backend open() {
        return new Nd4jBackendProvider().open(BackendOptions.DEFAULTS);
    }

    @Test
    void isFoundByServiceLoaderAndReportsItsRuntime() {
        BackendProvider p = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(b -> b.id().equals("nd4j")).findFirst().orElseThrow();
        Availability a = p.probe();
        Availability.Available ok = assertInstanceOf(Availability.Available.class, a, a.toString());
        assertTrue(ok.version().startsWith("ND4J 1.0.0-M2.1 (OpenBLAS 0.3.19"), ok.version());
        assertEquals(java.util.List.of("CPU"), ok.devices());
    }

    @Test
    void threadOptionReachesOpenMpAndOpenBlas() {
        int[] before = Nd4jRuntime.threads();
        Backend b = new Nd4jBackendProvider().open(BackendOptions.DEFAULTS.withThreads(1));
        try {
            assertArrayEquals(new int[] {1, 1}, Nd4jRuntime.threads());
        } finally {
            b.close();
            Nd4jRuntime.setThreads(before[0]);
        }
        assertArrayEquals(before, Nd4jRuntime.threads());
    }

    @Test
    void rejectsOtherDevicesAndPrecisions() {
        UnsupportedRequestException d = assertThrows(UnsupportedRequestException.class,
                () -> new Nd4jBackendProvider().open(BackendOptions.DEFAULTS.withDevice("GPU")));
        assertTrue(d.getMessage().contains("nd4j") && d.getMessage().contains("GPU"), d.getMessage());
        try (Backend b = open()) {
            for (Precision p : new Precision[] {Precision.F16, Precision.INT8}) {
                UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                        () -> b.load(new TinyNetwork(2, 1), weights(2), p));
                assertTrue(e.getMessage().contains("nd4j") && e.getMessage().contains(p.name()), e.getMessage());
            }
        }
    }

    @Test
    void runsTheDefinitionLikeTheReferenceBackend() {
        int c = 3;
        MapCheckpoint ckpt = weights(c);
        HostTensor x = TestTensors.randn(3, 2, c, 6, 5);
        HostTensor expected;
        try (Backend ref = ReferenceBackend.PROVIDER.open(BackendOptions.DEFAULTS);
                Network n = ref.load(new TinyNetwork(c, 2), ckpt, Precision.F32)) {
            expected = n.run(Map.of("x", x)).get("y");
        }
        try (Backend b = open(); Network n = b.load(new TinyNetwork(c, 2), ckpt, Precision.F32)) {
            TestTensors.assertClose("tiny network", expected, n.run(Map.of("x", x)).get("y"), 1e-5);
        }
    }

    @Test
    void checkpointMismatchesAreReportedTogether() {
        Map<String, HostTensor> bad = new HashMap<>();
        bad.put("conv.weight", TestTensors.randn(1, 2, 2, 1, 1)); // wrong shape
        bad.put("conv.extra", TestTensors.randn(1, 2)); // unexpected; conv.bias missing
        try (Backend b = open()) {
            WeightsMismatchException e = assertThrows(WeightsMismatchException.class,
                    () -> b.load(new TinyNetwork(2, 1), new MapCheckpoint(bad), Precision.F32));
            assertEquals(java.util.List.of("conv.bias"), e.missing());
            assertEquals(java.util.List.of("conv.extra"), e.unexpected());
            assertEquals(1, e.misShaped().size());
            assertTrue(e.misShaped().getFirst().contains("conv.weight"), e.getMessage());
        }
    }

    @Test
    void aWrongShapeRequestedByNetworkCodeIsAWeightsMismatch() {
        try (Backend b = open();
                Network n = b.load(new TinyNetwork(2, 1, Shape.of(2, 2, 1, 1)), weights(2), Precision.F32)) {
            WeightsMismatchException e = assertThrows(WeightsMismatchException.class,
                    () -> n.run(Map.of("x", TestTensors.randn(1, 1, 2, 3, 3))));
            assertTrue(e.getMessage().contains("conv.weight") && e.getMessage().contains("(2,2,1,1)"), e.getMessage());
        }
    }

    @Test
    void badInputsAreRejectedBeforeAnythingRuns() {
        try (Backend b = open(); Network n = b.load(new TinyNetwork(2, 1), weights(2), Precision.F32)) {
            assertThrows(ShapeMismatchException.class, () -> n.run(Map.of("x", TestTensors.randn(1, 1, 3, 3, 3))));
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> n.run(Map.of("x", TestTensors.randn(1, 1, 2, 3, 3), "z", TestTensors.randn(1, 1))));
            assertTrue(unknown.getMessage().contains("'z'"), unknown.getMessage());
            IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
                    () -> n.run(Map.of("x", HostTensor.of(Shape.of(1, 2, 1, 1), new long[] {1, 2}))));
            assertTrue(dtype.getMessage().contains("I64") && dtype.getMessage().contains("F32"), dtype.getMessage());
        }
    }

    @Test
    void closeIsIdempotentAndRunAfterCloseNamesTheNetwork() {
        Backend b = open();
        Network n = b.load(new TinyNetwork(2, 1), weights(2), Precision.F32);
        Network m = b.load(new TinyNetwork(2, 1), weights(2), Precision.F32);
        n.close();
        n.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> n.run(Map.of("x", TestTensors.randn(1, 1, 2, 3, 3))));
        assertTrue(e.getMessage().contains("'tiny'"), e.getMessage());
        b.close(); // closes m too
        b.close();
        assertThrows(IllegalStateException.class, () -> m.run(Map.of("x", TestTensors.randn(1, 1, 2, 3, 3))));
        assertThrows(IllegalStateException.class, () -> b.load(new TinyNetwork(2, 1), weights(2), Precision.F32));
    }
}
