package dev.wuerstchen.backend.nd4j;

import dev.wuerstchen.api.ops.BinaryFn;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** BLAS-backed products. Shapes already checked. */
final class LinearAlgebra {

    private LinearAlgebra() {
    }

    /** {@code x·Wᵀ + b} on the last axis of x (..., in); W (out, in); b (out) or null. */
    static INDArray linear(INDArray x, INDArray w, INDArray bias) {
        long in = w.size(1);
        long out = w.size(0);
        long rows = x.length() / in;
        long[] outShape = x.shape().clone();
        outShape[outShape.length - 1] = out;
        INDArray y = NdArrays.floats(outShape);
        Nd4j.matmul(NdArrays.reshape(x, rows, in), w, NdArrays.reshape(y, rows, out), false, true, false);
        if (bias != null) {
            Elementwise.binaryInPlace(BinaryFn.ADD, y, bias);
        }
        return y;
    }

    /** (..., M, K)·(..., K, N) with equal leading dimensions. */
    static INDArray matmul(INDArray a, INDArray b) {
        int r = a.rank();
        long[] outShape = a.shape().clone();
        outShape[r - 1] = b.size(r - 1);
        INDArray y = NdArrays.floats(outShape);
        if (r == 2) {
            Nd4j.matmul(a, b, y, false, false, false);
            return y;
        }
        long batch = NdArrays.product(a.shape(), 0, r - 2);
        Nd4j.matmul(NdArrays.reshape(a, batch, a.size(r - 2), a.size(r - 1)), NdArrays.reshape(b, batch, b.size(r - 2), b.size(r - 1)),
                NdArrays.reshape(y, batch, a.size(r - 2), b.size(r - 1)), false, false, false);
        return y;
    }

    /**
     * (B, Nq, Nk) with 1 where query i may see key j (j ≤ i and, if given, keyPadding[b, j] = 1) and 0
     * elsewhere (spec 8.2).
     */
    static INDArray causalMask(int batch, int nq, int nk, INDArray keyPadding) {
        float[] tri = new float[nq * nk];
        for (int i = 0; i < nq; i++) {
            for (int j = 0; j <= Math.min(i, nk - 1); j++) {
                tri[i * nk + j] = 1f;
            }
        }
        INDArray causal = NdArrays.floats(tri, 1, nq, nk);
        INDArray padding = keyPadding == null ? Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, batch, 1, nk)
                : NdArrays.reshape(keyPadding, batch, 1, nk);
        INDArray mask = Elementwise.binary(BinaryFn.MUL, causal, padding, new long[] {batch, nq, nk});
        Scratch.release(causal);
        if (keyPadding == null) {
            Scratch.release(padding);
        }
        return mask;
    }
}
