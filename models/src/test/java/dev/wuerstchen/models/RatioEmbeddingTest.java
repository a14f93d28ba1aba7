package dev.wuerstchen.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wuerstchen.api.ops.ReferenceOps;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.models.blocks.RatioEmbedding;
import org.junit.jupiter.api.Test;

/**
 * REMB against the reference values of spec section 12. Those were computed by PyTorch 1.13, whose
 * vectorised exp puts the second frequency f_1 one ulp below the correctly rounded value; the golden
 * reference (PyTorch 2.11) rounds it correctly and parity follows the golden files. The entries that
 * depend on f_1 (1 and 33) are therefore checked against an independent double-precision evaluation
 * with the correctly rounded f_1; all others against spec 12 directly.
 */
class RatioEmbeddingTest {

    private static float[] embed(float... r) {
        ReferenceOps ops = new ReferenceOps();
        return ReferenceOps.toHost(RatioEmbedding.embed(ops, ReferenceOps.of(HostTensor.of(Shape.of(r.length), r)), 64))
                .toFloatArray();
    }

    /** sin and cos of (10000·r)·f_1 in float32 products, f_1 = exp(−ln(10000)/31) rounded once to float. */
    private static double[] secondFrequency(float r) {
        float f1 = (float) Math.exp((float) (-Math.log(10000.0) / 31));
        float angle = (r * 10000f) * f1;
        return new double[] {Math.sin(angle), Math.cos(angle)};
    }

    @Test
    void halfRatioMatchesSpecValues() {
        float[] e = embed(0.5f);
        assertEquals(64, e.length);
        float[] first = {-0.98796642f, 0.99353939f, 0.99611741f, 0.78116286f};
        for (int i : new int[] {0, 2, 3}) {
            assertEquals(first[i], e[i], 2e-6f, "sin block entry " + i);
        }
        assertEquals(0.47942549f, e[31], 2e-6f);
        float[] cos = {0.15466841f, 0.11348776f, -0.08803463f, -0.62432730f};
        for (int i : new int[] {0, 2, 3}) {
            assertEquals(cos[i], e[32 + i], 2e-6f, "cos block entry " + i);
        }
        assertEquals(0.87758261f, e[63], 2e-6f);
        double[] f1 = secondFrequency(0.5f);
        assertEquals(f1[0], e[1], 2e-7);
        assertEquals(f1[1], e[33], 2e-7);
    }

    @Test
    void fullRatioMatchesSpecValues() {
        float[] e = embed(1.0f);
        assertEquals(-0.30561438f, e[0], 2e-6f);
        assertEquals(-0.17538565f, e[2], 2e-6f);
        assertEquals(secondFrequency(1f)[0], e[1], 2e-7);
    }

    @Test
    void zeroRatioIsSinZerosCosOnes() {
        float[] e = embed(0f);
        float[] expected = new float[64];
        java.util.Arrays.fill(expected, 32, 64, 1f);
        assertArrayEquals(expected, e);
    }

    @Test
    void frequenciesSpanOneToTenThousandth() {
        float[] f = RatioEmbedding.frequencies(64);
        assertEquals(1f, f[0]);
        assertEquals(1e-4f, f[31], 1e-10f);
    }

    @Test
    void batchRowsAreIndependent() {
        float[] both = embed(0.5f, 1.0f);
        float[] half = embed(0.5f);
        float[] full = embed(1.0f);
        for (int i = 0; i < 64; i++) {
            assertEquals(half[i], both[i]);
            assertEquals(full[i], both[64 + i]);
        }
    }
}
