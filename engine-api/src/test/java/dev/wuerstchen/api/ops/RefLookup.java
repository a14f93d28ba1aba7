package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.tensor.Shape;

/** Reference table lookups: embedding rows by id and nearest-codebook quantisation. */
final class RefLookup {

    private RefLookup() {
    }

    /** table (V, D), int64 ids (...) → (..., D); every id must lie in [0, V). */
    static RefTensor embedding(Tensor table, Tensor ids) {
        RefTensor t = RefTensor.cast("embedding", table);
        RefTensor i = RefTensor.cast("embedding", ids);
        Shape result = OpShapes.embedding(t, i);
        int vocab = t.shape().dim(0), d = t.shape().dim(1);
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
        return t.gather(result, src);
    }

    /**
     * Replaces each pixel's channel vector of x (B, C, H, W) by the codebook row (K, C) at the least
     * squared Euclidean distance; ties go to the lowest row index.
     */
    static RefTensor nearestCode(Tensor x, Tensor codebook) {
        RefTensor a = RefTensor.cast("nearestCode", x);
        RefTensor cb = RefTensor.cast("nearestCode", codebook);
        Shape s = OpShapes.nearestCode(a, cb);
        int c = s.dim(1), plane = s.dim(2) * s.dim(3), codes = cb.shape().dim(0);
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
