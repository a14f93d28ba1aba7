package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Objects;

/**
 * Reference multi-head scaled dot-product attention (spec 3.7, 8.2), in double.
 *
 * <p>Masked keys are left out of the softmax (a score of −∞). If every key of a query row is
 * masked, that row's output is all zeros (PyTorch would produce NaN; with CLIP's causal mask key 0
 * is always visible, so Würstchen never reaches this case).
 */
final class RefAttention {

    private RefAttention() {
    }

    static RefTensor attention(Tensor q, Tensor k, Tensor v, int heads, AttentionMask mask) {
        Objects.requireNonNull(mask, "attention mask");
        RefTensor qt = RefTensor.f32("attention", "q", q);
        RefTensor kt = RefTensor.f32("attention", "k", k);
        RefTensor vt = RefTensor.f32("attention", "v", v);
        Shape qs = qt.shape();
        Shape ks = kt.shape();
        if (qs.rank() != 3 || heads < 1 || qs.dim(2) % heads != 0) {
            throw new ShapeMismatchException("attention", "q (B, Nq, C) with C divisible by " + heads + " heads",
                    "q " + qs);
        }
        if (ks.rank() != 3 || ks.dim(0) != qs.dim(0) || ks.dim(2) != qs.dim(2)) {
            throw new ShapeMismatchException("attention", "k (" + qs.dim(0) + ", Nk, " + qs.dim(2) + ") for q " + qs,
                    "k " + ks);
        }
        if (!vt.shape().equals(ks)) {
            throw new ShapeMismatchException("attention", "v equal in shape to k " + ks, "v " + vt.shape());
        }
        int batch = qs.dim(0), nq = qs.dim(1), nk = ks.dim(1), c = qs.dim(2), d = c / heads;
        boolean[][] visible = visibility(mask, batch, nq, nk);
        double scale = 1.0 / Math.sqrt(d);
        double[] out = new double[batch * nq * c];
        double[] score = new double[nk];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < nq; i++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < nk; j++) {
                        if (!visible[b][i * nk + j]) {
                            continue;
                        }
                        double s = 0.0;
                        for (int f = h * d; f < (h + 1) * d; f++) {
                            s += qt.get((b * nq + i) * c + f) * kt.get((b * nk + j) * c + f);
                        }
                        score[j] = s * scale;
                        max = Math.max(max, score[j]);
                    }
                    if (max == Double.NEGATIVE_INFINITY) {
                        continue; // no visible key: the row stays zero (documented above)
                    }
                    double sum = 0.0;
                    for (int j = 0; j < nk; j++) {
                        score[j] = visible[b][i * nk + j] ? Math.exp(score[j] - max) : 0.0;
                        sum += score[j];
                    }
                    for (int f = h * d; f < (h + 1) * d; f++) {
                        double acc = 0.0;
                        for (int j = 0; j < nk; j++) {
                            acc += score[j] * vt.get((b * nk + j) * c + f);
                        }
                        out[(b * nq + i) * c + f] = acc / sum;
                    }
                }
            }
        }
        return RefTensor.rounded(qs, out);
    }

    /** visible[b][i·Nk + j]: whether query i of batch item b may attend to key j. */
    private static boolean[][] visibility(AttentionMask mask, int batch, int nq, int nk) {
        boolean[][] visible = new boolean[batch][nq * nk];
        RefTensor padding = switch (mask) {
            case AttentionMask.None none -> null;
            case AttentionMask.Causal causal -> causal.keyPadding() == null ? null : checkPadding(causal, batch, nk);
        };
        boolean causal = mask instanceof AttentionMask.Causal;
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < nq; i++) {
                for (int j = 0; j < nk; j++) {
                    boolean ok = (!causal || j <= i) && (padding == null || padding.get(b * nk + j) == 1.0);
                    visible[b][i * nk + j] = ok;
                }
            }
        }
        return visible;
    }

    private static RefTensor checkPadding(AttentionMask.Causal causal, int batch, int nk) {
        RefTensor p = RefTensor.f32("attention", "keyPadding", causal.keyPadding());
        if (!p.shape().equals(Shape.of(batch, nk))) {
            throw new ShapeMismatchException("attention", "keyPadding (" + batch + ", " + nk + ") = (B, Nk)",
                    "keyPadding " + p.shape());
        }
        for (int i = 0; i < p.size(); i++) {
            if (p.get(i) != 0.0 && p.get(i) != 1.0) {
                throw new IllegalArgumentException("attention: keyPadding holds " + p.get(i) + " at index " + i
                        + ". It must hold 1 for real tokens and 0 for padding (the tokenizer's attention mask).");
            }
        }
        return p;
    }
}
