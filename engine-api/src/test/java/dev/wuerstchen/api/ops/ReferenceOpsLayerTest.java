package dev.wuerstchen.api.ops;

import static dev.wuerstchen.api.ops.RefTestSupport.OPS;
import static dev.wuerstchen.api.ops.RefTestSupport.arange;
import static dev.wuerstchen.api.ops.RefTestSupport.shape;
import static dev.wuerstchen.api.ops.RefTestSupport.t;
import static dev.wuerstchen.api.ops.RefTestSupport.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Linear algebra, convolutions and normalisations of the reference against hand-computed results. */
class ReferenceOpsLayerTest {

    @Test
    void linearAndMatmulByHand() {
        Tensor w = t(shape(3, 2), 1, 0, 0, 1, 1, 1);
        assertArrayEquals(new float[] {1, 2, 4}, values(OPS.linear(t(shape(1, 2), 1, 2), w, t(shape(3), 0, 0, 1))));
        assertArrayEquals(new float[] {1, 2, 3}, values(OPS.linear(t(shape(2), 1, 2), w, null)));
        // [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]]; second batch item is the identity product.
        Tensor a = t(shape(2, 2, 2), 1, 2, 3, 4, 1, 0, 0, 1);
        Tensor b = t(shape(2, 2, 2), 5, 6, 7, 8, 9, 8, 7, 6);
        assertArrayEquals(new float[] {19, 22, 43, 50, 9, 8, 7, 6}, values(OPS.matmul(a, b)));
    }

    @Test
    void conv3x3IdentityKernelReturnsInput() {
        // weight[o][i] = δ(o,i) at the kernel centre; padding 1 keeps the size.
        float[] w = new float[3 * 3 * 9];
        for (int c = 0; c < 3; c++) {
            w[(c * 3 + c) * 9 + 4] = 1;
        }
        Tensor x = arange(2, 3, 4, 5);
        Tensor y = OPS.conv2d(x, t(shape(3, 3, 3, 3), w), null, Conv2dParams.of(1, 1));
        assertEquals(x.shape(), y.shape());
        assertArrayEquals(values(x), values(y));
    }

    @Test
    void conv2x2ByHand() {
        Tensor x = t(shape(1, 1, 3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9);
        Tensor w = t(shape(1, 1, 2, 2), 1, 0, 0, -1); // in[y][x] − in[y+1][x+1]
        assertArrayEquals(new float[] {-3.5f, -3.5f, -3.5f, -3.5f},
                values(OPS.conv2d(x, w, t(shape(1), 0.5f), Conv2dParams.DEFAULT)));
        // Stride 2, padding 1: out[y][x] = in[2y−1][2x−1] − in[2y][2x], zero outside.
        Tensor s2 = OPS.conv2d(x, w, null, Conv2dParams.of(2, 1));
        assertEquals(shape(1, 1, 2, 2), s2.shape());
        assertArrayEquals(new float[] {-1, -3, -7, -4}, values(s2));
    }

    @Test
    void groupedConvSeesOnlyItsGroup() {
        // 2 groups of 1 channel → 2 outputs: out0 = 2·in0, out1 = 3·in1 (+ bias).
        Tensor x = t(shape(1, 2, 1, 2), 1, 2, 10, 20);
        Tensor y = OPS.conv2d(x, t(shape(2, 1, 1, 1), 2, 3), t(shape(2), 0, 1), new Conv2dParams(1, 0, 2));
        assertArrayEquals(new float[] {2, 4, 31, 61}, values(y));
        // 4 outputs from 2 groups: outputs 0,1 read channel 0, outputs 2,3 read channel 1.
        Tensor z = OPS.conv2d(x, t(shape(4, 1, 1, 1), 1, -1, 1, -1), null, new Conv2dParams(1, 0, 2));
        assertArrayEquals(new float[] {1, 2, -1, -2, 10, 20, -10, -20}, values(z));
    }

    @Test
    void convTransposeKernel2Stride2TilesTheKernel() {
        Tensor x = t(shape(1, 1, 2, 2), 1, 2, 3, 4);
        Tensor w = t(shape(1, 1, 2, 2), 1, 10, 100, 1000);
        Tensor y = OPS.convTranspose2d(x, w, t(shape(1), 0.5f), Conv2dParams.of(2, 0));
        assertEquals(shape(1, 1, 4, 4), y.shape());
        assertArrayEquals(new float[] {
            1.5f, 10.5f, 2.5f, 20.5f,
            100.5f, 1000.5f, 200.5f, 2000.5f,
            3.5f, 30.5f, 4.5f, 40.5f,
            300.5f, 3000.5f, 400.5f, 4000.5f}, values(y));
    }

    @Test
    void convTransposeWeightIsInputChannelsFirst() {
        // Weight (I=2, O=1): output = 1·in0 + 2·in1 (no overlap at k=1).
        Tensor x = t(shape(1, 2, 1, 1), 3, 5);
        assertArrayEquals(new float[] {13}, values(OPS.convTranspose2d(x, t(shape(2, 1, 1, 1), 1, 2), null,
                Conv2dParams.DEFAULT)));
    }

    @Test
    void convTransposeKernel4Stride2Padding1IsTheAdjointOfConv() {
        // ⟨convT(x, W), y⟩ = ⟨x, conv(y, W)⟩ with W (I, O, k, k) read as a conv weight (out=I, in=O).
        Random r = new Random(7);
        HostTensor x = randn(r, shape(2, 3, 4, 5));
        HostTensor w = randn(r, shape(3, 2, 4, 4));
        HostTensor y = randn(r, shape(2, 2, 8, 10));
        Conv2dParams p = Conv2dParams.of(2, 1);
        Tensor up = OPS.convTranspose2d(ReferenceOps.of(x), ReferenceOps.of(w), null, p);
        assertEquals(shape(2, 2, 8, 10), up.shape());
        Tensor down = OPS.conv2d(ReferenceOps.of(y), ReferenceOps.of(w), null, p);
        assertEquals(shape(2, 3, 4, 5), down.shape());
        double lhs = dot(values(up), y.toFloatArray());
        double rhs = dot(x.toFloatArray(), values(down));
        assertEquals(rhs, lhs, 1e-5 * Math.abs(rhs));
    }

    @Test
    void layerNormOfOneTwoThree() {
        float[] expected = {-1.2247449f, 0f, 1.2247449f};
        assertArrayEquals(expected, values(OPS.layerNorm(t(shape(1, 3), 1, 2, 3), null, null, 0f)), 1e-7f);
        // The same vector along the channel axis of NCHW, at two pixels (second pixel reversed).
        Tensor x = t(shape(1, 3, 1, 2), 1, 3, 2, 2, 3, 1);
        assertArrayEquals(new float[] {-1.2247449f, 1.2247449f, 0, 0, 1.2247449f, -1.2247449f},
                values(OPS.layerNormChannels(x, 0f)), 1e-7f);
        Tensor affine = OPS.layerNorm(t(shape(3), 1, 2, 3), t(shape(3), 2, 2, 2), t(shape(3), 1, 1, 1), 0f);
        assertArrayEquals(new float[] {1 - 2.4494897f, 1, 1 + 2.4494897f}, values(affine), 1e-6f);
        // eps inside the square root: 1/√(2/3 + 1/3) = 1.
        assertArrayEquals(new float[] {-1, 0, 1}, values(OPS.layerNorm(t(shape(3), 1, 2, 3), null, null, 1f / 3)), 1e-6f);
    }

    @Test
    void grnByHand() {
        // x (1,1,2,2): pixel 0 = (3, 0), pixel 1 = (4, 1). G = (5, 1), mean 3, N = (5/3, 1/3).
        Tensor x = t(shape(1, 1, 2, 2), 3, 0, 4, 1);
        Tensor gamma = t(shape(1, 1, 1, 2), 1, 2);
        Tensor beta = t(shape(1, 1, 1, 2), 0.5f, -1);
        // out = gamma·x·N + beta + x
        float[] expected = {3 * 5f / 3 + 0.5f + 3, -1f, 4 * 5f / 3 + 0.5f + 4, 2f / 3 - 1 + 1};
        assertArrayEquals(expected, values(OPS.grn(x, gamma, beta, 0f)), 1e-6f);
    }

    @Test
    void grnNormalisesEachBatchItemSeparately() {
        // Item 1 is item 0 scaled by 10: N is scale-free, so out₁ = 10·out₀ when beta = 0.
        Tensor x = t(shape(2, 1, 2, 2), 3, 0, 4, 1, 30, 0, 40, 10);
        float[] out = values(OPS.grn(x, t(shape(2), 1, 2), t(shape(2), 0, 0), 0f));
        for (int i = 0; i < 4; i++) {
            assertEquals(10 * out[i], out[4 + i], 1e-5f);
        }
    }

    @Test
    void softmaxOfZeroAndLn2() {
        float ln2 = (float) Math.log(2);
        assertArrayEquals(new float[] {1 / 3f, 2 / 3f}, values(OPS.softmax(t(shape(1, 2), 0, ln2), 1)), 1e-7f);
        // Axis 0 of a 2×2: each column normalised; huge values do not overflow.
        // Column 0 is (1000, 1001): e⁰/(e⁰+e¹) = 1/(1+e).
        Tensor x = t(shape(2, 2), 1000, 0, 1001, 0);
        float low = (float) (1 / (1 + Math.E));
        assertArrayEquals(new float[] {low, 0.5f, 1 - low, 0.5f}, values(OPS.softmax(x, 0)), 1e-7f);
    }

    private static HostTensor randn(Random r, Shape s) {
        float[] v = new float[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return HostTensor.of(s, v);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
