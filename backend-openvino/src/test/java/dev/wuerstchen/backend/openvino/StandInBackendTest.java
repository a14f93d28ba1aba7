package dev.wuerstchen.backend.openvino;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.backend.Availability;
import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.backend.BackendProvider;
import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.error.BackendUnavailableException;
import dev.wuerstchen.api.error.UnsupportedRequestException;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider and the backend running networks from "exported graphs", against the C stand-in. */
class StandInBackendTest extends StandInTest {

    @TempDir
    Path tmp;

    private final FakeDefinition def = new FakeDefinition("fake", List.of(new TensorSpec("x", DType.F32),
            new TensorSpec("r", DType.F32)), List.of(new TensorSpec("eps", DType.F32)));
    private final List<Map<String, Shape>> exports = new ArrayList<>();

    /** Writes a stand-in model for the requested shapes, as the ONNX exporter would write a graph. */
    private final GraphSource graphs = (d, ckpt, shapes) -> {
        exports.add(shapes);
        String dims = dims(shapes.get("x"));
        return StandIn.model(tmp, d.name() + "-" + exports.size() + ".onnx", "input x f32 " + dims,
                "input r f32 " + dims(shapes.get("r")), "output eps f32 " + dims);
    };

    private static String dims(Shape s) {
        return IntStream.of(s.dims()).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    private OpenVinoBackendProvider provider(GraphSource source) {
        Map<String, String> props = Map.of(OpenVinoRuntimeLocator.PATH_PROPERTY, StandIn.directory().toString());
        return new OpenVinoBackendProvider(new OpenVinoRuntimeLocator(new OpenVinoRuntimeLocator.Environment(Map.of(),
                props::get, tmp, tmp)), source);
    }

    private BackendOptions options() {
        return BackendOptions.DEFAULTS.withCacheDir(tmp.resolve("cache"));
    }

    private static HostTensor ramp(int n, float start, int... dims) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + i;
        }
        return HostTensor.of(Shape.of(dims), v);
    }

    @Test
    void probeReportsVersionAndDevicesWithFullNames() {
        Availability.Available a = assertInstanceOf(Availability.Available.class, provider(graphs).probe());
        assertTrue(a.version().startsWith("2025.3.0 from " + StandIn.directory()), a.version());
        assertTrue(a.version().endsWith("element types numbered as since 2024.2"), a.version());
        assertEquals(List.of("CPU (Stand-in CPU device (not OpenVINO))", "GPU.0 (Stand-in GPU.0 device (not OpenVINO))"),
                a.devices());
    }

    @Test
    void probeWithoutOpenVinoSaysWhatWasSearchedAndNeverThrows() throws Exception {
        OpenVinoBackendProvider none = new OpenVinoBackendProvider(new OpenVinoRuntimeLocator(
                new OpenVinoRuntimeLocator.Environment(Map.of(), k -> null, tmp, tmp)), graphs);
        Availability.Unavailable u = assertInstanceOf(Availability.Unavailable.class, none.probe());
        assertTrue(u.searched().contains("INTEL_OPENVINO_DIR: not set"), u.searched());
        assertTrue(u.howToFix().contains("pip install openvino"), u.howToFix());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> none.open(options()));
        assertTrue(e.getMessage().startsWith("backend 'openvino' is not available: "), e.getMessage());

        // a loadable library that is not OpenVINO's C API (the TBB stand-in under the C library's name)
        Path broken = Files.copy(StandIn.directory().resolve("libtbb.so.12"), tmp.resolve("libopenvino_c.so.2530"));
        OpenVinoBackendProvider bad = new OpenVinoBackendProvider(new OpenVinoRuntimeLocator(
                new OpenVinoRuntimeLocator.Environment(Map.of(), Map.of(OpenVinoRuntimeLocator.PATH_PROPERTY,
                        broken.toString())::get, tmp, tmp)), graphs);
        Availability.Unavailable b = assertInstanceOf(Availability.Unavailable.class, bad.probe());
        assertTrue(b.searched().startsWith("found " + broken + " via"), b.searched());
        assertTrue(b.searched().contains("does not work"), b.searched());
        assertTrue(b.searched().contains("is not OpenVINO's C API: 59 of the 60 functions"), b.searched());
    }

    @Test
    void theProviderIsRegisteredForServiceLoader() {
        BackendProvider p = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.id().equals("openvino")).findFirst().orElseThrow();
        assertInstanceOf(OpenVinoBackendProvider.class, p);
        assertTrue(p.probe() != null); // whatever this machine has, probing does not throw
    }

    @Test
    void aNetworkRunsFromItsGraphWithF32PrecisionAndTheCache() {
        try (Backend b = provider(graphs).open(options())) {
            Network n = b.load(def, new EmptyCheckpoint(), Precision.F32);
            HostTensor x = ramp(8, 1, 2, 4);
            HostTensor r = HostTensor.of(Shape.of(2), new float[] {0.5f, 0.25f});
            HostTensor eps = n.run(Map.of("x", x, "r", r)).get("eps");
            assertEquals(Shape.of(2, 4), eps.shape());
            float[] expected = new float[8];
            for (int k = 0; k < 8; k++) {
                expected[k] = 1 + 2 * (1 + k) + 3 * (k % 2 == 0 ? 0.5f : 0.25f);
            }
            assertArrayEquals(expected, eps.toFloatArray());
            assertEquals("CPU|8|PERFORMANCE_HINT=LATENCY;INFERENCE_PRECISION_HINT=f32;NUM_STREAMS=1;CACHE_DIR="
                    + tmp.resolve("cache/openvino").toAbsolutePath(), StandIn.compileLog());
            assertTrue(Files.isDirectory(tmp.resolve("cache/openvino")));

            HostTensor eps2 = n.run(Map.of("x", ramp(8, 10, 2, 4), "r", r)).get("eps");
            assertEquals(1 + 2 * 10 + 3 * 0.5f, eps2.toFloatArray()[0]); // new data, same compiled model
            assertEquals(1, exports.size());
            n.run(Map.of("x", ramp(4, 0, 1, 4), "r", HostTensor.of(Shape.of(1), new float[] {1})));
            assertEquals(List.of(Map.of("x", Shape.of(2, 4), "r", Shape.of(2)), Map.of("x", Shape.of(1, 4),
                    "r", Shape.of(1))), exports);
            for (int batch = 3; batch <= 5; batch++) {
                n.run(Map.of("x", ramp(4 * batch, 0, batch, 4), "r", HostTensor.of(Shape.of(1), new float[] {1})));
            }
            assertEquals(OpenVinoNetwork.KEPT_SHAPE_SETS, ((OpenVinoNetwork) n).compiledShapeSets());
        }
        // the backend closed the network, its requests, tensors and compiled models (checked after each test)
    }

    @Test
    void badInputsAreNamed() {
        try (Backend b = provider(graphs).open(options())) {
            Network n = b.load(def, new EmptyCheckpoint(), Precision.F32);
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> n.run(Map.of("x", ramp(4, 0, 1, 4))));
            assertTrue(missing.getMessage().contains("input 'r' is missing"), missing.getMessage());
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> n.run(Map.of(
                    "x", ramp(4, 0, 1, 4), "r", ramp(1, 0, 1), "y", ramp(1, 0, 1))));
            assertTrue(unknown.getMessage().contains("unknown inputs [y]"), unknown.getMessage());
            n.close();
            assertThrows(IllegalStateException.class, () -> n.run(Map.of()));
        }
    }

    @Test
    void devicesAreValidatedAndVirtualDevicesGetNoHardwareHints() {
        try (OpenVinoBackend b = (OpenVinoBackend) provider(graphs).open(options().withDevice("gpu"))) {
            assertEquals("GPU", b.device());
            b.load(def, new EmptyCheckpoint(), Precision.F16).run(Map.of("x", ramp(4, 0, 1, 4), "r", ramp(1, 0, 1)));
            assertTrue(StandIn.compileLog().startsWith("GPU|8|PERFORMANCE_HINT=LATENCY;INFERENCE_PRECISION_HINT=f16;"
                    + "NUM_STREAMS=1;"), StandIn.compileLog());
        }
        try (OpenVinoBackend b = (OpenVinoBackend) provider(graphs).open(options().withDevice("AUTO").withThreads(3))) {
            b.load(def, new EmptyCheckpoint(), Precision.F32).run(Map.of("x", ramp(4, 0, 1, 4), "r", ramp(1, 0, 1)));
            assertTrue(StandIn.compileLog().startsWith("AUTO|4|PERFORMANCE_HINT=LATENCY;CACHE_DIR="),
                    StandIn.compileLog());
        }
        try (OpenVinoBackend b = (OpenVinoBackend) provider(graphs).open(options().withThreads(3))) {
            assertEquals("CPU", b.device());
            assertTrue(b.compileProperties(Precision.F32).values().get("INFERENCE_NUM_THREADS").equals("3"));
        }
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> provider(graphs).open(options().withDevice("NPU")));
        assertTrue(e.getMessage().contains("device 'NPU' is not among the devices OpenVINO found here: CPU, GPU.0"),
                e.getMessage());
    }

    @Test
    void int8AndAnIrOnlyBackendAreExplained() {
        try (Backend b = provider(GraphSource.IR_ONLY).open(options())) {
            assertThrows(UnsupportedRequestException.class, () -> b.load(def, new EmptyCheckpoint(), Precision.INT8));
            Network n = b.load(def, new EmptyCheckpoint(), Precision.F32);
            UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                    () -> n.run(Map.of("x", ramp(4, 0, 1, 4), "r", ramp(1, 0, 1))));
            assertTrue(e.getMessage().contains("opened to run IR files only"), e.getMessage());
        }
    }

    @Test
    void closingTheBackendTwiceIsHarmlessAndLaterUseIsRefused() {
        Backend b = provider(graphs).open(options());
        Network n = b.load(def, new EmptyCheckpoint(), Precision.F32);
        n.run(Map.of("x", ramp(4, 0, 1, 4), "r", ramp(1, 0, 1)));
        b.close();
        b.close();
        assertThrows(IllegalStateException.class, () -> n.run(Map.of("x", ramp(4, 0, 1, 4), "r", ramp(1, 0, 1))));
        assertThrows(IllegalStateException.class, () -> b.load(def, new EmptyCheckpoint(), Precision.F32));
    }
}
