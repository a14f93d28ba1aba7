package dev.wuerstchen.backend.openvino;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.error.NativeCallException;
import dev.wuerstchen.api.error.UnsupportedRequestException;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.backend.openvino.capi.OvStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a network's tensors find a model's ports (by name, else by position among the unnamed ports)
 * and the checks on every pair, against stand-in models; outputs follow the stand-in rule
 * out_j[k] = j + 1 + Σ_i (i + 2)·in_i[k mod n_i] with i the model's input order.
 */
class StandInPortBindingTest extends StandInTest {

    @TempDir
    Path tmp;

    /** The text encoder's inputs: both (1, L), told apart only by name and element type. */
    private static final List<TensorSpec> TEXT_IN = List.of(new TensorSpec("input_ids", DType.I64),
            new TensorSpec("attention_mask", DType.F32));
    private static final List<TensorSpec> TEXT_OUT = List.of(new TensorSpec("last_hidden_state", DType.F32));

    private static final HostTensor IDS = HostTensor.of(Shape.of(1, 3), new long[] {7, 8, 9});
    private static final HostTensor MASK = HostTensor.of(Shape.of(1, 3), new float[] {1, 1, 0});

    private BoundModel bind(OvCore core, Map<String, Shape> shapes, String... lines) {
        OvCompiledModel cm = core.compile(StandIn.model(tmp, "m.xml", lines), "CPU", CompileProperties.none());
        return BoundModel.bind("text", cm, TEXT_IN, TEXT_OUT, Map.of(), shapes);
    }

    /** Output 0 for inputs given in the model's order. */
    private static float[] expected(float[] in0, float[] in1) {
        float[] e = new float[in0.length];
        for (int k = 0; k < e.length; k++) {
            e[k] = 1 + 2 * in0[k] + 3 * in1[k];
        }
        return e;
    }

    @Test
    void unnamedPortsInAnotherOrderAreRefusedNotSwapped() {
        try (OvCore core = rt.createCore()) {
            ModelMismatchException e = assertThrows(ModelMismatchException.class, () -> bind(core, null,
                    "input - f32 1,3", "input - i64 1,3", "output - f32 1,3"));
            assertTrue(e.getMessage().startsWith("text: input #0 (unnamed) f32[1,3] would carry the network's input "
                    + "'input_ids', which is I64: a floating-point port cannot take integer values"), e.getMessage());
        }
    }

    @Test
    void namedPortsAreKeptAndOnlyTheRestGoByPosition() {
        try (OvCore core = rt.createCore();
                // the mask is found by name; the ids take the one unnamed port
                BoundModel m = bind(core, null, "input attention_mask f32 1,3", "input - i32 1,3",
                        "output - f32 1,3")) {
            HostTensor out = m.run(Map.of("input_ids", IDS, "attention_mask", MASK)).get("last_hidden_state");
            assertArrayEquals(expected(MASK.toFloatArray(), new float[] {7, 8, 9}), out.toFloatArray());
        }
        try (OvCore core = rt.createCore()) {
            // an unnamed float port first and the mask named second: the ids do not take the mask's port
            ModelMismatchException e = assertThrows(ModelMismatchException.class, () -> bind(core, null,
                    "input - f32 1,3", "input attention_mask f32 1,3", "output - f32 1,3"));
            assertTrue(e.getMessage().contains("#0 (unnamed) f32[1,3] would carry the network's input 'input_ids'"),
                    e.getMessage());
        }
    }

    @Test
    void portsNamedOtherwiseCountAsUnnamed() {
        try (OvCore core = rt.createCore();
                BoundModel m = bind(core, null, "input onnx::Gather_0 i64 1,3", "input onnx::Mul_1 f32 1,3",
                        "output 1234 f32 1,3")) {
            HostTensor out = m.run(Map.of("input_ids", IDS, "attention_mask", MASK)).get("last_hidden_state");
            assertArrayEquals(expected(new float[] {7, 8, 9}, MASK.toFloatArray()), out.toFloatArray());
        }
    }

    @Test
    void knownShapesAreCheckedPerPort() {
        try (OvCore core = rt.createCore()) {
            ModelMismatchException e = assertThrows(ModelMismatchException.class, () -> bind(core,
                    Map.of("input_ids", Shape.of(1, 3), "attention_mask", Shape.of(2, 3)),
                    "input - i64 1,3", "input - f32 1,3", "output - f32 1,3"));
            assertTrue(e.getMessage().startsWith("text: input #1 (unnamed) f32[1,3] would carry the network's input "
                    + "'attention_mask' of shape (2,3), which it does not accept"), e.getMessage());
        }
    }

    @Test
    void idsBeyondTheModelsIntegerTypeAreADataError() {
        try (OvCore core = rt.createCore();
                BoundModel m = bind(core, null, "input - i32 1,3", "input - f32 1,3", "output - f32 1,3")) {
            HostTensor huge = HostTensor.of(Shape.of(1, 3), new long[] {1, 1L << 40, 2});
            UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                    () -> m.run(Map.of("input_ids", huge, "attention_mask", MASK)));
            assertTrue(e.getMessage().startsWith("text input 'input_ids': value 1.099511627776E12 at index 1 does not fit"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Pass values in that range"), e.getMessage());
        }
    }

    /** 2024.1 reports port types in the new numbering but takes tensor types in the old one (u8: 17 vs 14). */
    @Test
    void onOpenVino2024_1AU8PortIsReadAndFedInTheRightNumberings() {
        StandIn.setVersion("2024.1.0-15008-f4afc983258-releases/2024/1", -1);
        OpenVinoRuntime r = StandIn.runtime();
        try (OvCore core = r.createCore();
                BoundModel m = bind(core, null, "input - u8 1,3", "input attention_mask f32 1,3", "output - f32 1,3")) {
            assertEquals(List.of(ElementType.U8, ElementType.F32), m.inputs().stream().map(s -> s.port().type()).toList());
            HostTensor out = m.run(Map.of("input_ids", IDS, "attention_mask", MASK)).get("last_hidden_state");
            assertArrayEquals(expected(new float[] {7, 8, 9}, MASK.toFloatArray()), out.toFloatArray());
        }
    }

    @Test
    void aFailedInferenceNamesModelDeviceAndFix() {
        try (OvCore core = rt.createCore();
                BoundModel m = bind(core, null, "input - i64 1,3", "input - f32 1,3", "output - f32 1,3")) {
            StandIn.failNext("ov_infer_request_infer", OvStatus.GENERAL_ERROR, "out of device memory");
            NativeCallException e = assertThrows(NativeCallException.class,
                    () -> m.run(Map.of("input_ids", IDS, "attention_mask", MASK)));
            assertEquals("ov_infer_request_infer", e.function());
            assertEquals("GENERAL_ERROR", e.statusName());
            assertEquals("out of device memory", e.nativeMessage());
            assertTrue(e.getMessage().startsWith("text on CPU: ov_infer_request_infer failed with GENERAL_ERROR: out of "
                    + "device memory. "), e.getMessage());
            assertTrue(e.getMessage().contains("'wuerstchen info'"), e.getMessage());
        }
    }
}
