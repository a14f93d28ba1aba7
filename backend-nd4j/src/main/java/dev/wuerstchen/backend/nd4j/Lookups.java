package dev.wuerstchen.backend.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;

/** Row lookups: embeddings by id and nearest codebook vectors. Shapes already checked. */
final class Lookups {

    private Lookups() {
    }

    /** Rows of table (V, D) picked by int64 ids (...) → (..., D). Ids are checked against V. */
    static INDArray embedding(String op, INDArray table, INDArray ids) {
        long vocab = table.size(0);
        long[] values = NdArrays.longValues(ids);
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= vocab) {
                throw new IllegalArgumentException(op + ": id " + values[i] + " at position " + i
                        + " is outside the table's " + vocab + " rows. The ids do not belong to this vocabulary");
            }
        }
        long[] outShape = new long[ids.rank() + 1];
        System.arraycopy(ids.shape(), 0, outShape, 0, ids.rank());
        outShape[ids.rank()] = table.size(1);
        INDArray out = NdArrays.floats(outShape);
        Gather gather = new Gather(table, ids, 0);
        gather.addOutputArgument(out);
        Nd4j.exec(gather);
        return out;
    }

    /**
     * Replaces every pixel's channel vector of x (B, C, H, W) by the nearest codebook row (K, C),
     * ties to the lowest index. Distances are exact sums in double over the C channels rather than
     * the float expansion {@code ‖x‖² − 2x·c + ‖c‖²}, whose rounding can reorder near ties; the op
     * is only used on small encode checks (C = 4 latent channels), so exactness wins over speed.
     */
    static INDArray nearestCode(INDArray x, INDArray codebook) {
        int b = (int) x.size(0);
        int c = (int) x.size(1);
        int hw = (int) (x.size(2) * x.size(3));
        int k = (int) codebook.size(0);
        float[] in = NdArrays.floatValues(x);
        float[] codes = NdArrays.floatValues(codebook);
        float[] out = new float[in.length];
        for (int n = 0; n < b; n++) {
            int base = n * c * hw;
            for (int p = 0; p < hw; p++) {
                int best = 0;
                double bestDistance = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double dist = 0;
                    for (int ch = 0; ch < c; ch++) {
                        double diff = (double) in[base + ch * hw + p] - codes[j * c + ch];
                        dist += diff * diff;
                    }
                    if (dist < bestDistance) { // strict: the first of equal distances stays
                        bestDistance = dist;
                        best = j;
                    }
                }
                for (int ch = 0; ch < c; ch++) {
                    out[base + ch * hw + p] = codes[best * c + ch];
                }
            }
        }
        return NdArrays.floats(out, x.shape());
    }
}
