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
import dev.wuerstchen.api.error.NativeCallException;
import dev.wuerstchen.api.error.UnsupportedRequestException;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.engine.BackendRegistry;
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
        assertEquals(List.of("CPU (Stand-in CPU device (not OpenVINO))", "GPU (Stand-in GPU device (not OpenVINO))"),
                a.devices());
    }

    @Test
    void probeOfA2024_1RuntimeNamesItsTwoNumberings() {
        StandIn.setVersion("2024.1.0-15008-f4afc983258-releases/2024/1", -1);
        Availability.Available a = assertInstanceOf(Availability.Available.class, provider(graphs).probe());
        assertTrue(a.version().endsWith("tensor element types numbered as before 2024.2, port element types as since "
                + "2024.2"), a.version());
    }

    @Test
    void probeWithoutOpenVinoSaysWhatWasSearchedAndNeverThrows() throws Exception {
        OpenVinoBackendProvider none = new OpenVinoBackendProvider(new OpenVinoRuntimeLocator(
                new OpenVinoRuntimeLocator.Environment(Map.of(), k -> null, tmp, tmp)), graphs);
        Availability.Unavailable u = assertInstanceOf(Availability.Unavailable.class, none.probe());
        assertTrue(u.searched().contains("INTEL_OPENVINO_DIR: not set"), u.searched());
        assertTrue(u.howToFix().contains("pip install openvino"), u.howToFix());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> none.open(options()));
        assertTrue(e.getMessage().startsWith("backend 'openvino' is not available here. Searched:\n"), e.getMessage());

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
        // whatever this machine has, probing does not throw, and it reports what the locator finds here
        Availability a = p.probe();
        switch (OpenVinoRuntimeLocator.system().locate(null)) {
            case RuntimeLocation.NotFound nf -> {
                Availability.Unavailable u = assertInstanceOf(Availability.Unavailable.class, a);
                assertEquals(String.join("; ", nf.searched()), u.searched());
                assertEquals(nf.howToInstall(), u.howToFix());
            }
            case RuntimeLocation.Found found -> {
                if (a instanceof Availability.Unavailable u) {
                    assertTrue(u.searched().contains(found.cLibrary().toString()), u.searched());
                } else {
                    Availability.Available ok = assertInstanceOf(Availability.Available.class, a);
                    assertTrue(ok.version().contains(" from " + found.cLibrary().getParent()), ok.version());
                    assertTrue(ok.devices().stream().anyMatch(d -> d.startsWith("CPU (")), ok.devices().toString());
                }
            }
        }
    }

    /** A provider that finds nothing by itself: only an explicit runtime path leads it to the stand-in. */
    private OpenVinoBackendProvider searchingNowhere() {
        return new OpenVinoBackendProvider(new OpenVinoRuntimeLocator(new OpenVinoRuntimeLocator.Environment(Map.of(),
                k -> null, tmp, tmp)), graphs);
    }

    @Test
    void theRuntimePathOptionReachesProbeAndOpenThroughTheRegistry() {
        BackendRegistry registry = BackendRegistry.of(List.of(searchingNowhere()));
        assertInstanceOf(Availability.Unavailable.class, registry.provider("openvino").probe());
        BackendUnavailableException none = assertThrows(BackendUnavailableException.class,
                () -> registry.open("openvino", options()));
        assertTrue(none.getMessage().contains("INTEL_OPENVINO_DIR: not set"), none.getMessage());
        try (Backend b = registry.open("openvino", options().withRuntimePath(StandIn.directory()))) {
            HostTensor eps = b.load(def, new EmptyCheckpoint(), Precision.F32)
                    .run(Map.of("x", ramp(4, 0, 1, 4), "r", ramp(1, 0, 1))).get("eps");
            assertEquals(1 + 2 * 3 + 3 * 0f, eps.toFloatArray()[3]);
        }
        BackendUnavailableException typo = assertThrows(BackendUnavailableException.class,
                () -> registry.open("openvino", options().withRuntimePath(tmp.resolve("typo"))));
        assertTrue(typo.getMessage().contains("explicit runtime path " + tmp.resolve("typo") + ": does not exist"),
                typo.getMessage());
    }

    @Test
    void aSecondInstallationOfTheSameReleaseIsRefused() throws Exception {
        Path copy = Files.createDirectories(tmp.resolve("copy"));
        try (var files = Files.list(StandIn.directory())) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> BackendRegistry.of(List.of(searchingNowhere())).open("openvino", options().withRuntimePath(copy)));
        assertTrue(e.getMessage().contains("libopenvino.so.9990 of another installation (" + StandIn.directory().toRealPath()
                + ") is already loaded in this process"), e.getMessage());
        assertTrue(e.getMessage().contains("Use one installation per process"), e.getMessage());
        // the same installation reached through links is the same installation
        Path links = Files.createDirectories(tmp.resolve("links"));
        try (var files = Files.list(StandIn.directory())) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().startsWith("libopenvino_intel_cpu_plugin")) {
                    Files.createSymbolicLink(links.resolve(f.getFileName()), f);
                }
            }
        }
        Availability.Available a = assertInstanceOf(Availability.Available.class,
                searchingNowhere().probe(options().withRuntimePath(links)));
        // what the locator noted about this folder is shown with the version
        assertTrue(a.version().endsWith("(no libopenvino_intel_cpu_plugin.so in " + links + " or its openvino-*/ "
                + "subfolders: the CPU device will be missing)"), a.version());
    }

    @Test
    void aRuntimeWithoutTheCpuDeviceIsUnavailable() {
        StandIn.setDevices("GPU.0");
        Availability.Unavailable u = assertInstanceOf(Availability.Unavailable.class, provider(graphs).probe());
        assertTrue(u.searched().contains("offers no CPU device (only GPU.0)"), u.searched());
        assertTrue(u.howToFix().startsWith("Keep libopenvino_intel_cpu_plugin.so"), u.howToFix());
        StandIn.setDevices();
        u = assertInstanceOf(Availability.Unavailable.class, provider(graphs).probe());
        assertTrue(u.searched().contains("offers no devices"), u.searched());
    }

    @Test
    void npuGetsNoF32HintAndTheLogSaysWhy() {
        StandIn.setDevices("CPU", "NPU");
        List<String> log = new ArrayList<>();
        try (OpenVinoBackend b = (OpenVinoBackend) provider(graphs).open(options().withDevice("npu").withLog(log::add))) {
            assertEquals("NPU", b.device());
            assertTrue(log.stream().anyMatch(l -> l.contains("NPU computes in f16")), log.toString());
            b.load(def, new EmptyCheckpoint(), Precision.F32).run(Map.of("x", ramp(4, 0, 1, 4), "r", ramp(1, 0, 1)));
            assertTrue(StandIn.compileLog().startsWith("NPU|4|PERFORMANCE_HINT=LATENCY;CACHE_DIR="),
                    StandIn.compileLog());
            b.load(def, new EmptyCheckpoint(), Precision.F16).run(Map.of("x", ramp(4, 0, 1, 4), "r", ramp(1, 0, 1)));
            assertTrue(StandIn.compileLog().startsWith("NPU|6|PERFORMANCE_HINT=LATENCY;INFERENCE_PRECISION_HINT=f16;"),
                    StandIn.compileLog());
            // the stand-in refuses f32 on NPU as OpenVINO 2025.1+ does: the hint above was left out on purpose
            CompileProperties f32 = CompileProperties.none().withInferencePrecision(ElementType.F32);
            NativeCallException e = assertThrows(NativeCallException.class,
                    () -> b.core().compile(StandIn.model(tmp, "any.onnx", "input x f32 1", "output y f32 1"), "NPU", f32)
                            .close());
            assertTrue(e.nativeMessage().contains("Unsupported value f32"), e.nativeMessage());
        }
    }

    @Test
    void virtualDevicesAreWarnedAboutTheirPrecision() {
        List<String> log = new ArrayList<>();
        try (OpenVinoBackend b = (OpenVinoBackend) provider(graphs).open(options().withDevice("MULTI").withLog(log::add))) {
            assertEquals("MULTI", b.device());
            assertEquals(1, log.size(), log.toString());
            assertTrue(log.getFirst().startsWith("openvino: warning: MULTI is a virtual device and gets no precision hint"),
                    log.getFirst());
            assertTrue(log.getFirst().contains("may drift from the f32 reference"), log.getFirst());
        }
        log.clear();
        try (OpenVinoBackend b = (OpenVinoBackend) provider(graphs).open(options().withLog(log::add))) {
            assertEquals("CPU", b.device());
            assertEquals(List.of(), log, "CPU computes in f32 as asked: nothing to warn about");
        }
    }

    @Test
    void anUnwritableCacheIsLoggedAndCompilingGoesOn() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        List<String> log = new ArrayList<>();
        try (Backend b = provider(graphs).open(options().withCacheDir(file).withLog(log::add))) {
            Network n = b.load(def, new EmptyCheckpoint(), Precision.F32);
            n.run(Map.of("x", ramp(4, 0, 1, 4), "r", ramp(1, 0, 1)));
            n.run(Map.of("x", ramp(8, 0, 2, 4), "r", ramp(2, 0, 2)));
            assertEquals("CPU|6|PERFORMANCE_HINT=LATENCY;INFERENCE_PRECISION_HINT=f32;NUM_STREAMS=1", StandIn.compileLog());
        }
        assertEquals(1, log.stream().filter(l -> l.contains("cannot create the compiled-model cache "
                + file.resolve("openvino"))).count(), log.toString());
    }

    @Test
    void onlyTheTwoMostRecentShapeSetsStayCompiled() {
        try (Backend b = provider(graphs).open(options())) {
            OpenVinoNetwork n = (OpenVinoNetwork) b.load(def, new EmptyCheckpoint(), Precision.F32);
            n.run(Map.of("x", ramp(4, 0, 1, 4), "r", ramp(1, 0, 1)));
            n.run(Map.of("x", ramp(8, 0, 2, 4), "r", ramp(2, 0, 2)));
            n.run(Map.of("x", ramp(4, 0, 1, 4), "r", ramp(1, 0, 1))); // batch 1 used last, batch 2 least recently
            assertEquals(2, StandIn.created("compiled_model"));
            n.run(Map.of("x", ramp(12, 0, 3, 4), "r", ramp(3, 0, 3)));
            assertEquals(3, StandIn.created("compiled_model"));
            assertEquals(1, StandIn.freed("compiled_model"), "the evicted compiled model was freed");
            assertEquals(1, StandIn.freed("infer_request"), "with its infer request");
            assertEquals(OpenVinoNetwork.KEPT_SHAPE_SETS, n.compiledShapeSets());
            n.run(Map.of("x", ramp(4, 0, 1, 4), "r", ramp(1, 0, 1)));
            assertEquals(3, exports.size(), "batch 1 was still compiled: " + exports);
            n.run(Map.of("x", ramp(8, 0, 2, 4), "r", ramp(2, 0, 2)));
            assertEquals(4, exports.size(), "batch 2 had been evicted and was compiled again");
        }
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
        assertTrue(e.getMessage().contains("device 'NPU' is not among the devices OpenVINO found here: CPU, GPU\n"),
                e.getMessage());
    }

    @Test
    void gpuIsPassedToOpenVinoAsSpelledWhetherItListsOneGpuOrSeveral() {
        // one GPU: OpenVINO lists a bare "GPU" and also takes "GPU.0"
        try (OpenVinoBackend b = (OpenVinoBackend) provider(graphs).open(options().withDevice("gpu.0"))) {
            assertEquals("GPU.0", b.device());
            b.load(def, new EmptyCheckpoint(), Precision.F32).run(Map.of("x", ramp(4, 0, 1, 4), "r", ramp(1, 0, 1)));
            assertTrue(StandIn.compileLog().startsWith("GPU.0|"), StandIn.compileLog());
        }
        BackendUnavailableException second = assertThrows(BackendUnavailableException.class,
                () -> provider(graphs).open(options().withDevice("GPU.1")));
        assertTrue(second.getMessage().contains("device 'GPU.1' is not among the devices OpenVINO found here: CPU, GPU\n")
                && second.getMessage().contains("Choose one of CPU, GPU or AUTO"), second.getMessage());
        // several GPUs: OpenVINO lists "GPU.0", "GPU.1" and takes a bare "GPU" for the first
        StandIn.setDevices("CPU", "GPU.0", "GPU.1");
        try (OpenVinoBackend b = (OpenVinoBackend) provider(graphs).open(options().withDevice("GPU"))) {
            assertEquals("GPU", b.device());
            b.load(def, new EmptyCheckpoint(), Precision.F32).run(Map.of("x", ramp(4, 0, 1, 4), "r", ramp(1, 0, 1)));
            assertTrue(StandIn.compileLog().startsWith("GPU|"), StandIn.compileLog());
        }
        try (OpenVinoBackend b = (OpenVinoBackend) provider(graphs).open(options().withDevice("GPU.1"))) {
            assertEquals("GPU.1", b.device());
        }
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
