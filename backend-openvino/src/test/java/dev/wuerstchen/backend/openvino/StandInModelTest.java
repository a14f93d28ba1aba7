package dev.wuerstchen.backend.openvino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.error.NativeCallException;
import dev.wuerstchen.backend.openvino.PartialShape.Dimension;
import dev.wuerstchen.backend.openvino.capi.OvStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading models, ports, reshaping and compiling (variadic properties), against the C stand-in. */
class StandInModelTest extends StandInTest {

    @TempDir
    Path tmp;

    private Path tiny() {
        return StandIn.model(tmp, "tiny.xml", "name tiny", "input x f32 -1,4", "input - i32 1,77", "input s f32 scalar",
                "output y f32 -1,4", "output - i64 2");
    }

    @Test
    void portsReportNamesTypesAndPartialShapes() {
        try (OvCore core = rt.createCore(); OvModel m = core.readModel(tiny(), null)) {
            assertEquals(List.of(new OvPort(0, "x", ElementType.F32, new PartialShape(false, List.of(Dimension.DYNAMIC,
                    Dimension.of(4)))), new OvPort(1, null, ElementType.I32, PartialShape.of(1, 77)),
                    new OvPort(2, "s", ElementType.F32, PartialShape.of())), m.inputs());
            assertEquals(List.of(new OvPort(0, "y", ElementType.F32, new PartialShape(false, List.of(Dimension.DYNAMIC,
                    Dimension.of(4)))), new OvPort(1, null, ElementType.I64, PartialShape.of(2))), m.outputs());
            assertEquals("[?,4]", m.inputs().get(0).shape().toString());
            assertEquals("#1 (unnamed) i32[1,77]", m.inputs().get(1).toString());
            assertEquals("tiny", m.friendlyName());
            assertTrue(m.isDynamic());
            assertEquals("(null)", StandIn.lastBinPath());
        }
    }

    /** 2024.0 numbers everything the old way, 2024.1 its ports the new way and its tensors the old way, 2024.2+ all new. */
    @ParameterizedTest
    @ValueSource(strings = {"2024.0.0-14509", "2024.1.0-15008", "2024.2.0-15519", "2025.4.0-20398", "2026.0.0-20000"})
    void portElementTypesAreDecodedInTheNumberingOfTheRelease(String version) {
        StandIn.setVersion(version, -1);
        OpenVinoRuntime r = StandIn.runtime();
        Path file = StandIn.model(tmp, "types.xml", "input a u8 3", "input f f32 3", "input b u64 3", "input c nf4 8",
                "output d u16 3");
        try (OvCore core = r.createCore(); OvModel m = core.readModel(file, tmp.resolve("types.bin"))) {
            assertEquals(List.of(ElementType.U8, ElementType.F32, ElementType.U64, ElementType.NF4),
                    m.inputs().stream().map(OvPort::type).toList());
            assertEquals(ElementType.U16, m.outputs().getFirst().type());
            assertEquals(tmp.resolve("types.bin").toString(), StandIn.lastBinPath());
        }
    }

    @Test
    void theSwallowedMessageOfAnUnnamedPortIsNotShownAsALaterFailuresCause() {
        try (OvCore core = rt.createCore(); OvModel m = core.readModel(tiny(), null)) {
            assertNull(m.inputs().get(1).name()); // its name query failed with a message, and was handled
            StandIn.failNext("ov_port_get_partial_shape", OvStatus.PARAMETER_MISMATCH, null);
            NativeCallException e = assertThrows(NativeCallException.class, m::inputs);
            assertEquals("ov_port_get_partial_shape", e.function());
            assertEquals("PARAMETER_MISMATCH", e.statusName());
            assertEquals("OpenVINO recorded no new message for this call; the message it still holds, possibly from an "
                    + "earlier call, is: Attempt to get a name for a Tensor without names", e.nativeMessage());
        }
    }

    @Test
    void reshapeByIndexPassesAnArrayOfPartialShapes() {
        try (OvCore core = rt.createCore(); OvModel m = core.readModel(tiny(), null)) {
            m.reshape(Map.of(0, PartialShape.of(2, 4), 1, PartialShape.of(1, 77)));
            assertEquals(PartialShape.of(2, 4), m.inputs().get(0).shape());
            assertEquals(PartialShape.of(2, 4), m.outputs().get(0).shape());
            assertFalse(m.isDynamic());
        }
    }

    @Test
    void reshapeByNamePassesThePartialShapeByValue() {
        try (OvCore core = rt.createCore(); OvModel m = core.readModel(tiny(), null)) {
            m.reshape("x", new PartialShape(false, List.of(Dimension.of(3), Dimension.of(4))));
            assertEquals(PartialShape.of(3, 4), m.inputs().get(0).shape());
            NativeCallException e = assertThrows(NativeCallException.class, () -> m.reshape("x", PartialShape.of(3)));
            assertEquals("ov_model_reshape_input_by_name", e.function());
            assertTrue(e.nativeMessage().contains("cannot reshape to rank 1"), e.nativeMessage());
            NativeCallException missing = assertThrows(NativeCallException.class,
                    () -> m.reshape("nope", PartialShape.of(1, 4)));
            assertEquals("Port for tensor name nope was not found.", missing.nativeMessage());
        }
    }

    @Test
    void reshapingToAScalarIsRefusedBeforeTheCall() {
        try (OvCore core = rt.createCore(); OvModel m = core.readModel(tiny(), null)) {
            assertThrows(IllegalArgumentException.class, () -> m.reshape(Map.of(2, PartialShape.of())));
        }
    }

    @Test
    void compilePassesPropertiesAsVariadicKeyValuePairs() {
        Path cache = tmp.resolve("cache");
        CompileProperties props = CompileProperties.none().withPerformanceHint("LATENCY")
                .withInferencePrecision(ElementType.F32).withNumStreams(1).withCacheDir(cache)
                .withInferenceThreads(2);
        try (OvCore core = rt.createCore(); OvModel m = core.readModel(tiny(), null);
                OvCompiledModel cm = core.compile(m, "CPU", props)) {
            // 10 variadic arguments: five of them go on the stack on x86-64
            assertEquals("CPU|10|PERFORMANCE_HINT=LATENCY;INFERENCE_PRECISION_HINT=f32;NUM_STREAMS=1;CACHE_DIR="
                    + cache.toAbsolutePath() + ";INFERENCE_NUM_THREADS=2", StandIn.compileLog());
            assertEquals("f32", cm.property("INFERENCE_PRECISION_HINT"));
            assertEquals("LATENCY", cm.property("PERFORMANCE_HINT"));
            assertEquals(m.inputs(), cm.inputs());
        }
    }

    @Test
    void compileWithoutPropertiesOrDevice() {
        try (OvCore core = rt.createCore(); OvModel m = core.readModel(tiny(), null);
                OvCompiledModel cm = core.compile(m, null, CompileProperties.none())) {
            assertEquals("(null)|0|", StandIn.compileLog());
            assertEquals("AUTO", cm.property("EXECUTION_DEVICES"));
        }
    }

    @Test
    void compileFromFileWithOneProperty() {
        try (OvCore core = rt.createCore();
                OvCompiledModel cm = core.compile(tiny(), "GPU.0",
                        CompileProperties.none().withInferencePrecision(ElementType.F16))) {
            assertEquals("GPU.0|2|INFERENCE_PRECISION_HINT=f16", StandIn.compileLog());
            assertEquals(3, cm.inputs().size());
            assertEquals(ElementType.I64, cm.outputs().get(1).type());
        }
    }

    @Test
    void pluginErrorsFromCompileAreReported() {
        try (OvCore core = rt.createCore(); OvModel m = core.readModel(tiny(), null)) {
            NativeCallException key = assertThrows(NativeCallException.class,
                    () -> core.compile(m, "CPU", CompileProperties.none().with("NOT_A_KEY", "1")));
            assertEquals("Unsupported property NOT_A_KEY by CPU plugin.", key.nativeMessage());
            NativeCallException dev = assertThrows(NativeCallException.class,
                    () -> core.compile(m, "TPU", CompileProperties.none()));
            assertEquals("Device with \"TPU\" name is not registered in the OpenVINO Runtime", dev.nativeMessage());
            // the message says what was compiled where, and what to check
            assertTrue(dev.getMessage().startsWith("OpenVINO model tiny.xml on device TPU: ov_core_compile_model "
                    + "failed with GENERAL_ERROR: Device with"), dev.getMessage());
            assertTrue(dev.getMessage().contains("Check that 'wuerstchen info' lists the device TPU"), dev.getMessage());
        }
    }

    @Test
    void aMissingModelFileIsNamed() {
        try (OvCore core = rt.createCore()) {
            NativeCallException e = assertThrows(NativeCallException.class,
                    () -> core.readModel(tmp.resolve("absent.xml"), null));
            assertEquals("ov_core_read_model", e.function());
            assertTrue(e.nativeMessage().contains("absent.xml"), e.nativeMessage());
            assertTrue(e.getMessage().startsWith(tmp.resolve("absent.xml") + ": ov_core_read_model failed with "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Check that the file is a complete IR"), e.getMessage());
        }
    }

    @Test
    void aCompiledModelOutlivesItsModel() {
        try (OvCore core = rt.createCore()) {
            OvCompiledModel cm;
            try (OvModel m = core.readModel(tiny(), null)) {
                cm = core.compile(m, "CPU", CompileProperties.none());
            }
            try (cm) {
                assertEquals(2, cm.outputs().size());
            }
        }
    }

    @Test
    void modelFromMemoryPassesTheWeightsTensor() {
        byte[] xml = "standin-model\nname mem\ninput x f32 2\noutput y f32 2\n".getBytes(StandardCharsets.UTF_8);
        try (OvCore core = rt.createCore(); OvModel m = core.readModel(xml, new byte[100]);
                OvCompiledModel cm = core.compile(m, "CPU", CompileProperties.none())) {
            assertEquals(100, StandIn.lastWeightsBytes());
            assertEquals("mem", m.friendlyName());
            assertEquals(List.of(new OvPort(0, "x", ElementType.F32, PartialShape.of(2))), cm.inputs());
        }
        try (OvCore core = rt.createCore(); OvModel m = core.readModel(xml, null)) {
            assertEquals(-1, StandIn.lastWeightsBytes()); // NULL weights
            assertEquals(1, m.inputs().size());
        }
    }

    @Test
    void exportAndImportRoundTrip() {
        Path blob = tmp.resolve("tiny.blob");
        try (OvCore core = rt.createCore()) {
            List<OvPort> ports;
            try (OvCompiledModel cm = core.compile(tiny(), "CPU", CompileProperties.none())) {
                ports = cm.inputs();
                cm.exportTo(blob);
            }
            try (OvCompiledModel imported = core.importModel(blob, "CPU")) {
                assertEquals(ports, imported.inputs());
            }
        }
    }
}
