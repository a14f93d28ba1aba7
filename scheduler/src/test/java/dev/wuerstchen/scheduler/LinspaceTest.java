package dev.wuerstchen.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Spot checks against PyTorch 2.11 output (torch.linspace(0, 1, 101) as recorded in the tiny golden
 * set, at positions where a multiply-then-add would round differently) and numpy's definition; the
 * full golden comparisons are in DdpmWuerstchenGoldenTest.
 */
class LinspaceTest {

    @Test
    void roundsLikePyTorch() {
        float[] t = Linspace.torchFloat32(0f, 1f, 101);
        assertEquals(0.14999999f, t[15]);
        assertEquals(0.41f, t[41]);
        assertEquals(0.53000003f, t[53]);
        assertEquals(0.65000004f, t[65]);
        assertEquals(0.66f, t[66]);
        assertEquals(0f, t[0]);
        assertEquals(1f, t[100]);
    }

    @Test
    void sevenStepsFromOneToZero() {
        // scheduler.linspace7 of the golden set (diffusers set_timesteps(7)).
        assertArrayEquals(new float[] {1.0f, 0.85714287f, 0.71428573f, 0.57142854f, 0.42857146f, 0.2857143f, 0.14285715f, 0f},
                Linspace.torchFloat32(1f, 0f, 8));
    }

    @Test
    void singleStepAndErrors() {
        assertArrayEquals(new float[] {0.3f}, Linspace.torchFloat32(0.3f, 0.9f, 1));
        assertArrayEquals(new float[] {1f, 0f}, Linspace.torchFloat32(1f, 0f, 2));
        assertThrows(IllegalArgumentException.class, () -> Linspace.torchFloat32(1f, 0f, 0));
        assertThrows(IllegalArgumentException.class, () -> Linspace.numpyFloat64(1, 0, 0));
    }

    @Test
    void numpyLinspaceIsStartPlusIStepAndEndsExactlyOnStop() {
        double[] v = Linspace.numpyFloat64(1.0, 2.0 / 3.0, 20);
        assertEquals(1.0, v[0]);
        assertEquals(2.0 / 3.0, v[19]);
        assertEquals(5 * ((2.0 / 3.0 - 1.0) / 19) + 1.0, v[5]);
    }
}
