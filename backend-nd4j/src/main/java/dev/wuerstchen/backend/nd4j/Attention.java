package dev.wuerstchen.backend.nd4j;

import dev.wuerstchen.api.ops.BinaryFn;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Multi-head scaled dot-product attention (spec 3.7) with batched BLAS products. Heads are
 * processed in chunks so the score matrices of one chunk stay under {@link #MAX_SCORES} elements
 * (the decoder's first attention level at 1024² would otherwise need 0.7 GB of scores).
 */
final class Attention {

    private static final long MAX_SCORES = 1L << 25;

    private Attention() {
    }

    /**
     * q (B, Nq, C), k and v (B, Nk, C); {@code allowed} is null (every key visible) or (B, Nq, Nk)
     * holding 1 where query i may see key j and 0 elsewhere.
     */
    static INDArray attention(INDArray q, INDArray k, INDArray v, int heads, INDArray allowed) {
        return attention(q, k, v, heads, allowed, MAX_SCORES);
    }

    /** As above with an explicit bound on the score elements of one chunk of heads. */
    static INDArray attention(INDArray q, INDArray k, INDArray v, int heads, INDArray allowed, long maxScores) {
        long batch = q.size(0);
        long nq = q.size(1);
        long nk = k.size(1);
        long c = q.size(2);
        long d = c / heads;
        float scale = (float) (1 / Math.sqrt(d));
        long chunk = Math.max(1, Math.min(heads, maxScores / Math.max(1, nq * nk)));
        INDArray out = NdArrays.floats(batch, nq, c);
        try (Scratch s = new Scratch()) {
            INDArray qh = splitHeads(s, q, heads); // (B·h, Nq, d)
            INDArray kh = splitHeads(s, k, heads);
            INDArray vh = splitHeads(s, v, heads);
            INDArray oh = s.add(NdArrays.floats(batch * heads, nq, d));
            for (long b = 0; b < batch; b++) {
                INDArray mask = allowed == null ? null : s.add(allowed.get(NDArrayIndex.point(b)).dup('c')); // (Nq, Nk)
                for (long h0 = 0; h0 < heads; h0 += chunk) {
                    long from = b * heads + h0;
                    long to = b * heads + Math.min(heads, h0 + chunk);
                    INDArray scores = s.add(Nd4j.matmul(rows(s, qh, from, to), rows(s, kh, from, to), null, false, true, false));
                    scores.muli(scale);
                    INDArray p = s.add(mask == null ? Normalization.softmax(scores, 2) : maskedSoftmax(s, scores, mask));
                    INDArray o = s.add(Nd4j.matmul(p, rows(s, vh, from, to)));
                    oh.get(NDArrayIndex.interval(from, to)).assign(o);
                }
            }
            // (B·h, Nq, d) → (B, Nq, h, d): heads back in order along the feature axis
            NdArrays.reshape(out, batch, nq, heads, d).assign(NdArrays.reshape(oh, batch, heads, nq, d).permute(0, 2, 1, 3));
        }
        return out;
    }

    /** (B, N, C) → (B·h, N, d), C-order copy registered in {@code s}. */
    private static INDArray splitHeads(Scratch s, INDArray x, int heads) {
        long batch = x.size(0);
        long n = x.size(1);
        long d = x.size(2) / heads;
        INDArray t = s.add(NdArrays.reshape(x, batch, n, heads, d).permute(0, 2, 1, 3).dup('c'));
        return NdArrays.reshape(t, batch * heads, n, d);
    }

    /** Rows [from, to) of a rank-3 array as a contiguous copy. */
    private static INDArray rows(Scratch s, INDArray x, long from, long to) {
        return s.add(x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all()).dup('c'));
    }

    /**
     * Softmax over keys where masked scores count as −∞: masked weights are exactly 0, and a query
     * that sees no key at all gets all-zero weights (its output is 0) instead of NaN.
     */
    private static INDArray maskedSoftmax(Scratch s, INDArray scores, INDArray mask) {
        // masked entries → −FLT_MAX (scores·1 + 0 keeps allowed ones exact)
        INDArray penalty = s.add(mask.sub(1f)).muli(Float.MAX_VALUE);
        INDArray e = Elementwise.binaryInPlace(BinaryFn.MUL, scores.dup('c'), mask);
        Elementwise.binaryInPlace(BinaryFn.ADD, e, penalty);
        INDArray max = s.add(e.max(true, 2));
        Elementwise.binaryInPlace(BinaryFn.SUB, e, max);
        Transforms.exp(e, false);
        Elementwise.binaryInPlace(BinaryFn.MUL, e, mask); // fully masked rows had exp(0) = 1 everywhere
        INDArray sum = s.add(e.sum(true, 2));
        Transforms.max(sum, Float.MIN_NORMAL, false); // all-masked row: 0 / tiny = 0
        return Elementwise.binaryInPlace(BinaryFn.DIV, e, sum);
    }
}
