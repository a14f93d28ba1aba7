package dev.wuerstchen.backend.nd4j;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** NCHW rearrangements, edge padding and the antialiased bicubic resize. Shapes already checked. */
final class Images {

    private Images() {
    }

    /** (B, C·r², H, W) → (B, C, H·r, W·r): {@code out[b,c,h·r+i,w·r+j] = in[b,c·r²+i·r+j,h,w]}. */
    static INDArray pixelShuffle(INDArray x, int r) {
        long b = x.size(0);
        long c = x.size(1) / ((long) r * r);
        long h = x.size(2);
        long w = x.size(3);
        INDArray out = NdArrays.floats(b, c, h * r, w * r);
        // out viewed as (B, C, H, r, W, r) takes in viewed as (B, C, r, r, H, W) with axes (0,1,4,2,5,3)
        NdArrays.reshape(out, b, c, h, r, w, r).assign(NdArrays.reshape(x, b, c, r, r, h, w).permute(0, 1, 4, 2, 5, 3));
        return out;
    }

    /** (B, C, H, W) → (B, C·r², H/r, W/r), the inverse of {@link #pixelShuffle}. */
    static INDArray pixelUnshuffle(INDArray x, int r) {
        long b = x.size(0);
        long c = x.size(1);
        long h = x.size(2) / r;
        long w = x.size(3) / r;
        INDArray out = NdArrays.floats(b, c * r * r, h, w);
        // out viewed as (B, C, r, r, H/r, W/r) takes in viewed as (B, C, H/r, r, W/r, r) with axes (0,1,3,5,2,4)
        NdArrays.reshape(out, b, c, r, r, h, w).assign(NdArrays.reshape(x, b, c, h, r, w, r).permute(0, 1, 3, 5, 2, 4));
        return out;
    }

    /** Pads H and W by {@code pad} on both sides, repeating the edge rows and columns. */
    static INDArray replicationPad(INDArray x, int pad) {
        if (pad == 0) {
            return x.dup('c');
        }
        try (Scratch s = new Scratch()) {
            INDArray rows = s.add(padAxis(x, 2, pad));
            return padAxis(rows, 3, pad);
        }
    }

    /** Concatenates {@code pad} copies of the first and last slice along {@code axis} around x. */
    private static INDArray padAxis(INDArray x, int axis, int pad) {
        long n = x.size(axis);
        try (Scratch s = new Scratch()) {
            INDArray first = s.add(x.get(edge(x.rank(), axis, 0)).dup('c'));
            INDArray last = s.add(x.get(edge(x.rank(), axis, n - 1)).dup('c'));
            List<INDArray> parts = new ArrayList<>();
            for (int i = 0; i < pad; i++) {
                parts.add(first);
            }
            parts.add(x);
            for (int i = 0; i < pad; i++) {
                parts.add(last);
            }
            return NdArrays.contiguous(Nd4j.concat(axis, parts.toArray(INDArray[]::new)));
        }
    }

    /** Index selecting the one-wide slice {@code [at, at+1)} along {@code axis} (keeps the rank). */
    private static INDArrayIndex[] edge(int rank, int axis, long at) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        for (int i = 0; i < rank; i++) {
            idx[i] = i == axis ? NDArrayIndex.interval(at, at + 1) : NDArrayIndex.all();
        }
        return idx;
    }

    /**
     * Separable antialiased bicubic resize (spec 3.9) as two products with the per-axis weight
     * matrices: first along W ({@code x·Mwᵀ}), then along H.
     */
    static INDArray resizeBicubicAntialias(INDArray x, int outH, int outW) {
        long b = x.size(0);
        long c = x.size(1);
        long h = x.size(2);
        long w = x.size(3);
        try (Scratch s = new Scratch()) {
            INDArray mwT = s.add(transposed(dev.wuerstchen.api.ops.AntialiasBicubicWeights.matrix((int) w, outW))); // (W, outW)
            INDArray mhT = s.add(transposed(dev.wuerstchen.api.ops.AntialiasBicubicWeights.matrix((int) h, outH))); // (H, outH)
            INDArray alongW = s.add(LinearAlgebra.matmul(NdArrays.reshape(x, b * c * h, w), mwT)); // (B·C·H, outW)
            INDArray cols = s.add(NdArrays.reshape(alongW, b * c, h, outW).permute(0, 2, 1).dup('c')); // (B·C, outW, H)
            INDArray alongH = s.add(LinearAlgebra.matmul(NdArrays.reshape(cols, b * c * outW, h), mhT)); // (B·C·outW, outH)
            INDArray out = NdArrays.floats(b, c, outH, outW);
            NdArrays.reshape(out, b * c, outH, outW).assign(NdArrays.reshape(alongH, b * c, outW, outH).permute(0, 2, 1));
            return out;
        }
    }

    /** {@code mᵀ} of an (n, m) matrix as a new (m, n) array. */
    private static INDArray transposed(float[][] m) {
        int rows = m.length;
        int cols = m[0].length;
        float[] t = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = m[i][j];
            }
        }
        return NdArrays.floats(t, cols, rows);
    }
}
