package dev.wuerstchen.api.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The input check every backend makes: names, then element types, then the definition's shape rules. */
class NetworkInputsTest {

    private static final NetworkDefinition TEXT = TestDefinitions.TEXT;

    private static final HostTensor IDS = HostTensor.of(Shape.of(1, 3), new long[] {4, 5, 6});
    private static final HostTensor MASK = HostTensor.of(Shape.of(1, 3), new float[] {1, 1, 0});

    private static Map<String, HostTensor> of(Object... kv) {
        Map<String, HostTensor> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (HostTensor) kv[i + 1]);
        }
        return m;
    }

    @Test
    void shapesComeBackInTheDefinitionsOrder() {
        Map<String, Shape> shapes = NetworkInputs.check(TEXT, of("mask", MASK, "ids", IDS));
        assertEquals(List.of("ids", "mask"), List.copyOf(shapes.keySet()));
        assertEquals(Shape.of(1, 3), shapes.get("mask"));
    }

    @Test
    void unknownNamesAreNamedWithTheExpectedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkInputs.check(TEXT, of("ids", IDS, "mask", MASK, "masks", MASK)));
        assertEquals("text: unknown inputs [masks]; its inputs are [ids, mask]. Drop 'masks' or check the spelling",
                e.getMessage());
    }

    @Test
    void missingNamesAreNamedWithTheGivenOnes() {
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> NetworkInputs.check(TEXT, of("ids", IDS)));
        assertEquals("text input 'mask' is missing; its inputs are [ids, mask], given [ids]. Pass a tensor for every input",
                one.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> NetworkInputs.check(TEXT, Map.of()));
        assertEquals("text inputs 'ids', 'mask' are missing; its inputs are [ids, mask], given []. Pass a tensor for "
                + "every input", both.getMessage());
    }

    @Test
    void aWrongElementTypeNamesInputExpectedAndActual() {
        // float ids would otherwise be turned into integers by a backend that converts
        HostTensor floatIds = HostTensor.of(Shape.of(1, 3), new float[] {4, 5, 6});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkInputs.check(TEXT, of("ids", floatIds, "mask", MASK)));
        assertEquals("text input 'ids': is F32 (1,3) but must be I64. Convert it before the call", e.getMessage());
    }

    @Test
    void shapeRulesAreTheDefinitions() {
        HostTensor longer = HostTensor.of(Shape.of(1, 4), new float[] {1, 1, 1, 0});
        assertThrows(ShapeMismatchException.class, () -> NetworkInputs.check(TEXT, of("ids", IDS, "mask", longer)));
    }
}
