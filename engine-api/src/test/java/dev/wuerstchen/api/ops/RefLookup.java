package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.Shape;

/** Reference table lookups: embedding rows by id and nearest-codebook quantisation. */
final class RefLookup {

    private RefLookup() {
    }

    /** table (V, D), int64 ids (...) → (..., D); every id must lie in [0, V). */
    static RefTensor embedding(Tensor table, Tensor ids) {
        RefTensor t = RefTensor.f32("embedding", "table", table);
        RefTensor i = RefTensor.cast("embedding", ids);
        Shape ts = t.shape();
        if (ts.rank() != 2) {
            throw new ShapeMismatchException("embedding", "table (V, D)", "table " + ts);
        }
        if (i.dtype() != DType.I64) {
            throw new ShapeMismatchException("embedding", "int64 ids", "ids " + i.shape() + " of " + i.dtype());
        }
        int vocab = ts.dim(0), d = ts.dim(1);
        int[] dims = new int[i.shape().rank() + 1];
        System.arraycopy(i.shape().dims(), 0, dims, 0, dims.length - 1);
        dims[dims.length - 1] = d;
        int[] src = new int[i.size() * d];
        for (int n = 0; n < i.size(); n++) {
            long id = i.getLong(n);
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException("embedding: id " + id + " at position " + n + " of ids "
                        + i.shape() + " is outside the table's rows [0, " + vocab
                        + "). Check that the ids come from the tokenizer that belongs to this table.");
            }
            for (int k = 0; k < d; k++) {
                src[n * d + k] = (int) id * d + k;
            }
        }
        return t.gather(Shape.of(dims), src);
    }

    /**
     * Replaces each pixel's channel vector of x (B, C, H, W) by the codebook row (K, C) at the least
     * squared Euclidean distance; ties go to the lowest row index.
     */
    static RefTensor nearestCode(Tensor x, Tensor codebook) {
        RefTensor a = RefTensor.f32("nearestCode", "x", x);
        RefTensor cb = RefTensor.f32("nearestCode", "codebook", codebook);
        Shape s = a.shape();
        Shape cs = cb.shape();
        if (s.rank() != 4) {
            throw new ShapeMismatchException("nearestCode", "x (B, C, H, W)", "x " + s);
        }
        if (cs.rank() != 2 || cs.dim(1) != s.dim(1) || cs.dim(0) < 1) {
            throw new ShapeMismatchException("nearestCode", "codebook (K, " + s.dim(1) + ") with K ≥ 1 for x " + s,
                    "codebook " + cs);
        }
        int c = s.dim(1), plane = s.dim(2) * s.dim(3), codes = cs.dim(0);
        float[] out = new float[a.size()];
        for (int n = 0; n < s.dim(0); n++) {
            for (int q = 0; q < plane; q++) {
                int base = n * c * plane + q;
                int best = 0;
                double bestDist = Double.POSITIVE_INFINITY;
                for (int k = 0; k < codes; k++) {
                    double dist = 0.0;
                    for (int ch = 0; ch < c; ch++) {
                        double diff = a.get(base + ch * plane) - cb.get(k * c + ch);
                        dist += diff * diff;
                    }
                    if (dist < bestDist) { // strict: an equal later row does not win
                        bestDist = dist;
                        best = k;
                    }
                }
                for (int ch = 0; ch < c; ch++) {
                    out[base + ch * plane] = (float) cb.get(best * c + ch);
                }
            }
        }
        return RefTensor.floats(s, out);
    }
}
