package dev.wuerstchen.api.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The resize weights against the test vectors of spec 3.9 (PyTorch-verified, 6 decimals). */
class AntialiasBicubicWeightsTest {

    /** Asserts row {@code i}: the given values from column {@code first} on, zeros elsewhere. */
    private static void assertRow(float[][] m, int i, int first, double... expected) {
        for (int j = 0; j < m[i].length; j++) {
            int k = j - first;
            double want = k >= 0 && k < expected.length ? expected[k] : 0.0;
            assertEquals(want, m[i][j], 1e-6, "row " + i + ", column " + j);
        }
    }

    @Test
    void downsample24To16() {
        float[][] m = AntialiasBicubicWeights.matrix(24, 16);
        assertEquals(16, m.length);
        assertEquals(24, m[0].length);
        assertRow(m, 0, 0, 0.639980, 0.406567, -0.033852, -0.012695);
        assertRow(m, 8, 10, -0.026114, 0, 0.503509, 0.536641, 0.016811, -0.030847);
        assertRow(m, 15, 21, -0.064658, 0.138624, 0.926035);
    }

    @Test
    void upsample24To64() {
        float[][] m = AntialiasBicubicWeights.matrix(24, 64);
        assertRow(m, 0, 0, 1.102405, -0.102405);
        assertRow(m, 32, 10, -0.073586, 0.739781, 0.376117, -0.042312);
        assertRow(m, 63, 21, -0.032025, 0.290798, 0.741227);
    }

    @Test
    void upsample24To32() {
        float[][] m = AntialiasBicubicWeights.matrix(24, 32);
        assertRow(m, 0, 0, 1.053625, -0.053625);
        assertRow(m, 16, 10, -0.024705, 0.236447, 0.859286, -0.071028);
    }

    @Test
    void sameSizeIsExactIdentity() {
        float[][] m = AntialiasBicubicWeights.matrix(24, 24);
        for (int i = 0; i < 24; i++) {
            for (int j = 0; j < 24; j++) {
                assertEquals(i == j ? 1f : 0f, m[i][j], "(" + i + "," + j + ")");
            }
        }
    }

    @Test
    void everyRowSumsToOne() {
        int[][] sizes = {{24, 16}, {24, 64}, {3, 2}, {3, 4}, {5, 7}, {1, 3}, {7, 1}};
        for (int[] s : sizes) {
            for (float[] row : AntialiasBicubicWeights.matrix(s[0], s[1])) {
                double sum = 0;
                for (float w : row) {
                    sum += w;
                }
                assertEquals(1.0, sum, 1e-6, s[0] + " → " + s[1]);
            }
        }
    }

    @Test
    void kernelIsPillowsCubicWithAMinusHalf() {
        assertEquals(1.0, AntialiasBicubicWeights.kernel(0), 0);
        assertEquals(0.0, AntialiasBicubicWeights.kernel(1), 0);
        assertEquals(0.0, AntialiasBicubicWeights.kernel(2), 0);
        // |x| = 0.5: 1.5·0.125 − 2.5·0.25 + 1 = 0.5625; |x| = 1.5: −0.5·(3.375 − 11.25 + 12 − 4) = −0.0625
        assertEquals(0.5625, AntialiasBicubicWeights.kernel(-0.5), 1e-15);
        assertEquals(-0.0625, AntialiasBicubicWeights.kernel(1.5), 1e-15);
    }

    @Test
    void rejectsEmptyAxes() {
        assertThrows(IllegalArgumentException.class, () -> AntialiasBicubicWeights.matrix(0, 4));
        assertThrows(IllegalArgumentException.class, () -> AntialiasBicubicWeights.matrix(4, 0));
    }
}
