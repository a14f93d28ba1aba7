package dev.wuerstchen.api.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorMathTest {

    @Test
    void relativeL2ByHand() {
        // ‖(3,4) − (0,0)‖ … reference (3,0): diff (0,4), ‖b‖ = 3 → 4/3
        assertEquals(4.0 / 3.0, TensorMath.relativeL2(new float[] {3, 4}, new float[] {3, 0}), 1e-15);
        assertEquals(0.0, TensorMath.relativeL2(new float[] {1, -2}, new float[] {1, -2}));
        // Reference is all zeros: the absolute norm is returned.
        assertEquals(5.0, TensorMath.relativeL2(new float[] {3, 4}, new float[] {0, 0}), 1e-15);
        assertEquals(0.0, TensorMath.relativeL2(new float[] {0, 0}, new float[] {0, 0}));
    }

    @Test
    void nanNeverPasses() {
        assertTrue(Double.isNaN(TensorMath.relativeL2(new float[] {Float.NaN}, new float[] {1})));
        assertTrue(Double.isNaN(TensorMath.maxAbsDiff(new float[] {1, Float.NaN}, new float[] {1, 2})));
        assertTrue(Double.isNaN(TensorMath.maxAbs(new float[] {Float.NaN})));
    }

    @Test
    void maxAbsDiffByHand() {
        assertEquals(2.5, TensorMath.maxAbsDiff(new float[] {1, -2, 3}, new float[] {1.5f, 0.5f, 3}), 0);
        assertEquals(3.0, TensorMath.maxAbs(new float[] {1, -3, 2}), 0);
    }

    @Test
    void lengthsMustMatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TensorMath.relativeL2(new float[2], new float[3]));
        assertTrue(e.getMessage().contains("2 and 3"), e.getMessage());
    }
}
