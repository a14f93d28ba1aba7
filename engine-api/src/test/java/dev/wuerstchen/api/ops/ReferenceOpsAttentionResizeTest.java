package dev.wuerstchen.api.ops;

import static dev.wuerstchen.api.ops.RefTestSupport.OPS;
import static dev.wuerstchen.api.ops.RefTestSupport.arange;
import static dev.wuerstchen.api.ops.RefTestSupport.shape;
import static dev.wuerstchen.api.ops.RefTestSupport.t;
import static dev.wuerstchen.api.ops.RefTestSupport.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Attention and antialiased resize of the reference against hand-computed and spec values. */
class ReferenceOpsAttentionResizeTest {

    private static final float LN2 = (float) Math.log(2);

    @Test
    void oneKeyReturnsItsValue() {
        Tensor q = arange(2, 3, 4);
        Tensor k = t(shape(2, 1, 4), 1, -2, 3, 0.5f, 4, 4, -1, 2);
        Tensor v = t(shape(2, 1, 4), 7, 8, 9, 10, -1, -2, -3, -4);
        float[] out = values(OPS.attention(q, k, v, 2, AttentionMask.NONE));
        assertArrayEquals(new float[] {7, 8, 9, 10, 7, 8, 9, 10, 7, 8, 9, 10, -1, -2, -3, -4, -1, -2, -3, -4,
            -1, -2, -3, -4}, out);
    }

    @Test
    void scoresAreScaledPerHeadAndHeadsConcatenateInOrder() {
        // 2 heads of width 1 (scale 1). Head 0 scores (0, ln2) → weights (1/3, 2/3);
        // head 1 scores (0, −ln2) → (2/3, 1/3).
        Tensor q = t(shape(1, 1, 2), 1, 1);
        Tensor k = t(shape(1, 2, 2), 0, 0, LN2, -LN2);
        Tensor v = t(shape(1, 2, 2), 3, 6, 9, 12);
        assertArrayEquals(new float[] {7, 8}, values(OPS.attention(q, k, v, 2, AttentionMask.NONE)), 1e-5f);
        // 1 head of width 4: scale ½, so q·k = 2 ln2 becomes ln2 → weights (1/3, 2/3).
        Tensor q4 = t(shape(1, 1, 4), 1, 1, 1, 1);
        Tensor k4 = t(shape(1, 2, 4), 0, 0, 0, 0, LN2 / 2, LN2 / 2, LN2 / 2, LN2 / 2);
        Tensor v4 = t(shape(1, 2, 4), 0, 0, 0, 3, 3, 0, 0, 0);
        assertArrayEquals(new float[] {2, 0, 0, 1}, values(OPS.attention(q4, k4, v4, 1, AttentionMask.NONE)), 1e-5f);
    }

    @Test
    void causalMaskHidesLaterKeys() {
        // Width 1, one head. Query 0 sees key 0 only; query 1 sees keys 0,1 with scores (0, ln2).
        Tensor q = t(shape(1, 3, 1), 1, 1, 1);
        Tensor k = t(shape(1, 3, 1), 0, LN2, 50);
        Tensor v = t(shape(1, 3, 1), 3, 9, 1000);
        float[] out = values(OPS.attention(q, k, v, 1, new AttentionMask.Causal(null)));
        assertEquals(3f, out[0], 1e-6f);
        assertEquals(3f / 3 + 9 * 2f / 3, out[1], 1e-5f);
        // Query 2 sees every key; key 2 dominates (score 50).
        assertEquals(1000f, out[2], 1e-3f);
    }

    @Test
    void keyPaddingHidesPaddedKeysForEveryQuery() {
        Tensor q = t(shape(1, 3, 1), 1, 1, 1);
        Tensor k = t(shape(1, 3, 1), 0, 100, LN2);
        Tensor v = t(shape(1, 3, 1), 3, -1000, 9);
        Tensor padding = t(shape(1, 3), 1, 0, 1);
        float[] out = values(OPS.attention(q, k, v, 1, new AttentionMask.Causal(padding)));
        // Query 1 (a padded position itself) still attends to key 0; key 1 is hidden.
        assertArrayEquals(new float[] {3, 3, 3f / 3 + 9 * 2f / 3}, out, 1e-5f);
    }

    @Test
    void fullyMaskedQueryRowIsZero() {
        Tensor q = t(shape(1, 2, 2), 1, 2, 3, 4);
        Tensor v = t(shape(1, 2, 2), 5, 6, 7, 8);
        float[] out = values(OPS.attention(q, q, v, 1, new AttentionMask.Causal(t(shape(1, 2), 0, 1))));
        assertArrayEquals(new float[] {0, 0, 7, 8}, out);
    }

    @Test
    void resizeOfImpulsesReproducesSpecWeights() {
        // Column j of the 24→16 matrix is the resize of the unit impulse at j (spec 3.9, row 0 and 8).
        float[] col1 = values(OPS.resizeBicubicAntialias(impulse(24, 1), 16, 1));
        assertEquals(0.406567f, col1[0], 1e-6f);
        float[] col12 = values(OPS.resizeBicubicAntialias(impulse(24, 12), 16, 1));
        assertEquals(0.503509f, col12[8], 1e-6f);
        // Along the width: 24→64, row 32 has weight 0.739781 on j = 11.
        Tensor along = OPS.resizeBicubicAntialias(OPS.permute(impulse(24, 11), 0, 1, 3, 2), 1, 64);
        assertEquals(shape(1, 1, 1, 64), along.shape());
        assertEquals(0.739781f, values(along)[32], 1e-6f);
    }

    @Test
    void resizeToTheSameSizeIsIdentityAndConstantsStayConstant() {
        Tensor x = arange(2, 3, 5, 4);
        assertArrayEquals(values(x), values(OPS.resizeBicubicAntialias(x, 5, 4)));
        float[] c = new float[2 * 24 * 24];
        java.util.Arrays.fill(c, 2.5f);
        float[] out = values(OPS.resizeBicubicAntialias(t(shape(1, 2, 24, 24), c), 16, 32));
        for (float v : out) {
            assertEquals(2.5f, v, 2e-6f); // every row of weights sums to 1
        }
    }

    /** (1, 1, n, 1) with a single 1 at row j. */
    private static Tensor impulse(int n, int j) {
        float[] v = new float[n];
        v[j] = 1;
        return t(shape(1, 1, n, 1), v);
    }
}
