package dev.wuerstchen.backend.openvino;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.backend.Availability;
import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.backend.openvino.PartialShape.Dimension;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-time self-checks of spec openvino §A.11 on a real OpenVINO; skipped (listing where it was
 * searched) on machines without one.
 */
class RealOpenVinoSmokeTest {

    @TempDir
    Path tmp;

    @Test
    void versionNumberingAndDevices() {
        OpenVinoRuntime rt = RealOpenVino.runtime();
        assertTrue(rt.version().atLeast(2024, 0), rt.version().toString());
        // The date of the numbering change (2024.2) is inferred (spec §A.3.2); the probe decides, and a
        // disagreement is worth reporting but is no failure of this runtime.
        if (ElementTypeNumbering.forVersion(rt.version()) != rt.tensorTypes()) {
            System.out.println("note: OpenVINO " + rt.version() + " numbers tensor element types " + rt.tensorTypes()
                    + ", not as its release suggests: " + rt.numberingEvidence());
        }
        try (OvCore core = rt.createCore()) {
            List<String> devices = core.availableDevices();
            assertTrue(devices.contains("CPU"), "no CPU device: plugins are not next to libopenvino.so " + devices);
            assertFalse(core.fullDeviceName("CPU").isBlank());
        }
        Availability a = RealOpenVino.provider(GraphSource.IR_ONLY).probe();
        assertTrue(a instanceof Availability.Available, a.toString());
    }

    private static void checkTinyLinear(OvCore core, OvModel model) {
        OvPort in = model.inputs().getFirst();
        assertEquals("x", in.name());
        assertEquals(ElementType.F32, in.type());
        assertEquals(new PartialShape(false, List.of(Dimension.DYNAMIC, Dimension.of(4))), in.shape());
        assertEquals("y", model.outputs().getFirst().name());
        try (OvCompiledModel cm = core.compile(model, "CPU", CompileProperties.none().withPerformanceHint("LATENCY")
                .withInferencePrecision(ElementType.F32));
                OvInferRequest req = cm.createInferRequest();
                SharedMemory x = SharedMemory.allocate(4L * TinyModels.X.length);
                OvTensor xt = OvTensor.fromHost(core.runtime(), ElementType.F32, new long[] {2, 4}, x)) {
            MemorySegment.copy(TinyModels.X, 0, x.segment(), ValueLayout.JAVA_FLOAT, 0, TinyModels.X.length);
            req.setInput(0, xt);
            req.infer();
            try (OvTensor y = req.output(0)) {
                assertArrayEquals(new long[] {2, 3}, y.shape());
                assertArrayEquals(TinyModels.Y, y.data().toArray(ValueLayout.JAVA_FLOAT));
            }
            req.startAsync();
            req.await();
            try (OvTensor y = req.tensor("y")) {
                assertArrayEquals(TinyModels.Y, y.data().toArray(ValueLayout.JAVA_FLOAT));
            }
        }
    }

    @Test
    void tinyIrFromMemory() {
        OpenVinoRuntime rt = RealOpenVino.runtime();
        try (OvCore core = rt.createCore();
                OvModel m = core.readModel(TinyModels.IR_XML.getBytes(StandardCharsets.UTF_8), TinyModels.irWeights())) {
            checkTinyLinear(core, m);
        }
    }

    @Test
    void tinyIrFromFiles() throws IOException {
        OpenVinoRuntime rt = RealOpenVino.runtime();
        Path xml = Files.writeString(tmp.resolve("tiny.xml"), TinyModels.IR_XML);
        Files.write(tmp.resolve("tiny.bin"), TinyModels.irWeights());
        try (OvCore core = rt.createCore(); OvModel m = core.readModel(xml, null)) {
            checkTinyLinear(core, m);
        }
    }

    @Test
    void tinyOnnxModel() throws IOException {
        OpenVinoRuntime rt = RealOpenVino.runtime();
        Path onnx = Files.write(tmp.resolve("tiny.onnx"), TinyModels.onnx());
        try (OvCore core = rt.createCore(); OvModel m = core.readModel(onnx, null)) {
            checkTinyLinear(core, m);
        }
    }

    @Test
    void backendRunsAGraphFromItsGraphSource() throws IOException {
        Path onnx = Files.write(tmp.resolve("tiny.onnx"), TinyModels.onnx());
        FakeDefinition def = new FakeDefinition("tiny", List.of(new TensorSpec("x", DType.F32)),
                List.of(new TensorSpec("y", DType.F32)));
        try (Backend b = RealOpenVino.provider((d, c, s) -> onnx)
                .open(BackendOptions.DEFAULTS.withCacheDir(tmp.resolve("cache")))) {
            HostTensor y = b.load(def, new EmptyCheckpoint(), Precision.F32)
                    .run(Map.of("x", HostTensor.of(Shape.of(2, 4), TinyModels.X.clone()))).get("y");
            assertEquals(Shape.of(2, 3), y.shape());
            assertArrayEquals(TinyModels.Y, y.toFloatArray());
        }
    }
}
