package dev.wuerstchen.backend.nd4j;

import static dev.wuerstchen.backend.nd4j.DTensor.assertClose;

import dev.wuerstchen.api.ops.Conv2dParams;
import org.junit.jupiter.api.Test;

class LinearConvOpsTest {

    private final Nd4jOps ops = new Nd4jOps();

    @Test
    void linearOnTheLastAxisWithAndWithoutBias() {
        DTensor x = DTensor.random(1, 2, 5, 7);
        DTensor w = DTensor.random(2, 9, 7);
        DTensor b = DTensor.random(3, 9);
        assertClose("bias", DoubleOps.linear(x, w, b), ops.linear(x.on(ops), w.on(ops), b.on(ops)), 1e-6);
        assertClose("no bias", DoubleOps.linear(x, w, null), ops.linear(x.on(ops), w.on(ops), null), 1e-6);
        DTensor nhwc = DTensor.random(4, 2, 3, 4, 6);
        DTensor w2 = DTensor.random(5, 24, 6);
        assertClose("rank 4", DoubleOps.linear(nhwc, w2, null), ops.linear(nhwc.on(ops), w2.on(ops), null), 1e-6);
    }

    @Test
    void matmulBatched() {
        for (int[][] s : new int[][][] {{{5, 7}, {7, 3}}, {{4, 5, 7}, {4, 7, 3}}, {{2, 3, 5, 8}, {2, 3, 8, 6}}}) {
            DTensor a = DTensor.random(s[0].length, s[0]);
            DTensor b = DTensor.random(10 + s[0].length, s[1]);
            assertClose("matmul rank " + s[0].length, matmul(a, b), ops.matmul(a.on(ops), b.on(ops)), 1e-6);
        }
    }

    private static DTensor matmul(DTensor a, DTensor b) {
        int r = a.rank();
        int m = a.dim(r - 2), k = a.dim(r - 1), n = b.dim(r - 1);
        int batch = a.v().length / (m * k);
        int[] shape = a.shape().clone();
        shape[r - 1] = n;
        DTensor o = DTensor.zeros(shape);
        for (int p = 0; p < batch; p++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int q = 0; q < k; q++) {
                        s += a.v()[p * m * k + i * k + q] * b.v()[p * k * n + q * n + j];
                    }
                    o.v()[p * m * n + i * n + j] = s;
                }
            }
        }
        return o;
    }

    @Test
    void conv2dLikeTheModels() {
        DTensor x = DTensor.random(20, 2, 6, 9, 8);
        // (kernel, stride, padding, groups, out channels): 1×1 projections, 3×3 zero-padded, the 2×2 stride-2
        // downsampler, the VQGAN's 4×4 stride-2 pad-1, depthwise 3×3, and a generic grouped conv
        int[][] cases = {{1, 1, 0, 1, 5}, {3, 1, 1, 1, 4}, {2, 2, 0, 1, 7}, {4, 2, 1, 1, 3}, {3, 1, 1, 6, 6},
            {3, 1, 0, 6, 6}, {3, 2, 1, 2, 4}};
        long seed = 30;
        for (int[] c : cases) {
            int k = c[0], stride = c[1], pad = c[2], groups = c[3], out = c[4];
            DTensor w = DTensor.random(seed++, out, 6 / groups, k, k);
            DTensor b = DTensor.random(seed++, out);
            String name = "k" + k + " s" + stride + " p" + pad + " g" + groups;
            Conv2dParams p = new Conv2dParams(stride, pad, groups);
            assertClose(name, DoubleOps.conv2d(x, w, b, stride, pad, groups), ops.conv2d(x.on(ops), w.on(ops), b.on(ops), p), 1e-6);
            assertClose(name + " no bias", DoubleOps.conv2d(x, w, null, stride, pad, groups),
                    ops.conv2d(x.on(ops), w.on(ops), null, p), 1e-6);
        }
    }

    @Test
    void convTranspose2dMatchesTheScatterDefinition() {
        DTensor x = DTensor.random(40, 2, 5, 4, 3);
        // the decoder's exact 2× upsampler (k2 s2 p0) and the VQGAN's overlapping one (k4 s2 p1)
        for (int[] c : new int[][] {{2, 2, 0}, {4, 2, 1}, {3, 1, 1}}) {
            DTensor w = DTensor.random(41 + c[0], 5, 3, c[0], c[0]);
            DTensor b = DTensor.random(42 + c[0], 3);
            Conv2dParams p = Conv2dParams.of(c[1], c[2]);
            String name = "k" + c[0] + " s" + c[1] + " p" + c[2];
            assertClose(name, DoubleOps.convTranspose2d(x, w, b, c[1], c[2]), ops.convTranspose2d(x.on(ops), w.on(ops), b.on(ops), p), 1e-6);
            assertClose(name + " no bias", DoubleOps.convTranspose2d(x, w, null, c[1], c[2]),
                    ops.convTranspose2d(x.on(ops), w.on(ops), null, p), 1e-6);
        }
    }
}
