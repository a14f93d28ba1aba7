package dev.wuerstchen.api.ops;

import static dev.wuerstchen.api.ops.RefTestSupport.OPS;
import static dev.wuerstchen.api.ops.RefTestSupport.shape;
import static dev.wuerstchen.api.ops.RefTestSupport.t;
import static dev.wuerstchen.api.ops.RefTestSupport.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Element-wise reference ops against hand-computed and mpmath values. */
class ReferenceOpsElementwiseTest {

    private static float unary(UnaryFn fn, float x) {
        return values(OPS.unary(fn, t(shape(1), x)))[0];
    }

    @Test
    void geluIsTheExactErfForm() {
        // mpmath: 0.5·x·erfc(−x/√2)
        assertEquals((float) 0.8413447460685429, unary(UnaryFn.GELU, 1f));
        assertEquals((float) -0.15865525393145705, unary(UnaryFn.GELU, -1f));
        assertEquals((float) -0.00404969409489028358, unary(UnaryFn.GELU, -3f));
        assertEquals((float) 2.4844758366855596621, unary(UnaryFn.GELU, 2.5f));
        assertEquals(0f, unary(UnaryFn.GELU, 0f));
        // The far tail stays a tiny negative number instead of cancelling to 0.
        assertEquals((float) -7.619853024160526066e-23, unary(UnaryFn.GELU, -10f));
    }

    @Test
    void sigmoidFamily() {
        assertEquals((float) 0.84579576593282129571, unary(UnaryFn.QUICK_GELU, 1f));
        assertEquals((float) -0.064341376855791850193, unary(UnaryFn.QUICK_GELU, -2f));
        assertEquals((float) 0.73105857863000487925, unary(UnaryFn.SILU, 1f));
        assertEquals((float) -0.23840584404423511188, unary(UnaryFn.SILU, -2f));
        assertEquals((float) 0.88079707797788244406, unary(UnaryFn.SIGMOID, 2f));
        assertEquals(0.5f, unary(UnaryFn.SIGMOID, 0f));
        assertEquals(0f, unary(UnaryFn.SIGMOID, -1000f));
        assertEquals(-0f, unary(UnaryFn.SILU, -1000f));
    }

    @Test
    void simpleFunctions() {
        assertEquals(2.5f, unary(UnaryFn.ABS, -2.5f));
        assertEquals(3f, unary(UnaryFn.SQRT, 9f));
        assertEquals(1f, unary(UnaryFn.SIN, (float) (Math.PI / 2)));
        assertEquals(-1f, unary(UnaryFn.COS, (float) Math.PI));
    }

    @Test
    void unaryKeepsShape() {
        Tensor x = t(shape(2, 1, 3), 1, 2, 3, 4, 5, 6);
        assertEquals(shape(2, 1, 3), OPS.unary(UnaryFn.ABS, x).shape());
    }

    @Test
    void binaryBroadcastsColumnAgainstRow() {
        // (2,1) op (3) → (2,3): out[i][j] = a[i] op b[j]
        Tensor a = t(shape(2, 1), 10, 20);
        Tensor b = t(shape(3), 1, 2, 4);
        assertEquals(shape(2, 3), OPS.add(a, b).shape());
        assertArrayEquals(new float[] {11, 12, 14, 21, 22, 24}, values(OPS.add(a, b)));
        assertArrayEquals(new float[] {9, 8, 6, 19, 18, 16}, values(OPS.sub(a, b)));
        assertArrayEquals(new float[] {10, 20, 40, 20, 40, 80}, values(OPS.mul(a, b)));
        assertArrayEquals(new float[] {10, 5, 2.5f, 20, 10, 5}, values(OPS.div(a, b)));
        assertArrayEquals(new float[] {-9, -8, -6, -19, -18, -16}, values(OPS.sub(b, a)));
    }

    @Test
    void binaryAddsPerChannelBias() {
        // (1,2,1,2) + (2,1,1): channel c gets bias[c]
        Tensor x = t(shape(1, 2, 1, 2), 1, 2, 3, 4);
        Tensor bias = t(shape(2, 1, 1), 100, 200);
        assertEquals(shape(1, 2, 1, 2), OPS.add(x, bias).shape());
        assertArrayEquals(new float[] {101, 102, 203, 204}, values(OPS.add(x, bias)));
    }

    @Test
    void binaryWithScalarOnEitherSide() {
        Tensor x = t(shape(2, 2), 1, 2, 3, 4);
        Tensor s = t(shape(1), 2);
        assertArrayEquals(new float[] {0.5f, 1, 1.5f, 2}, values(OPS.div(x, s)));
        assertArrayEquals(new float[] {2, 1, 2 / 3f, 0.5f}, values(OPS.div(s, x)));
        assertEquals(shape(2, 2), OPS.div(s, x).shape());
    }

    @Test
    void affineAndLeakyRelu() {
        Tensor x = t(shape(4), -2, -0.5f, 0, 3);
        assertArrayEquals(new float[] {-5, -0.5f, 1, 10}, values(OPS.affine(x, 3f, 1f)));
        assertArrayEquals(new float[] {-0.4f, -0.1f, 0, 3}, values(OPS.leakyRelu(x, 0.2f)));
        assertArrayEquals(new float[] {-6, -1.5f, 0, 9}, values(OPS.scale(x, 3f)));
    }
}
