package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.tensor.Shape;

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
        RefTensor qt = RefTensor.cast("attention", q);
        RefTensor kt = RefTensor.cast("attention", k);
        RefTensor vt = RefTensor.cast("attention", v);
        RefTensor padding = mask instanceof AttentionMask.Causal(Tensor keyPadding) && keyPadding != null
                ? RefTensor.cast("attention", keyPadding) : null;
        Shape qs = LayerOpShapes.attention(qt, kt, vt, heads, mask);
        Shape ks = kt.shape();
        int batch = qs.dim(0), nq = qs.dim(1), nk = ks.dim(1), c = qs.dim(2), d = c / heads;
        boolean[][] visible = visibility(mask instanceof AttentionMask.Causal, checkPadding(padding), batch, nq, nk);
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
    private static boolean[][] visibility(boolean causal, RefTensor padding, int batch, int nq, int nk) {
        boolean[][] visible = new boolean[batch][nq * nk];
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

    /** The reference's value rule for keyPadding (its shape is checked by {@link LayerOpShapes}). */
    private static RefTensor checkPadding(RefTensor p) {
        if (p == null) {
            return null;
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
