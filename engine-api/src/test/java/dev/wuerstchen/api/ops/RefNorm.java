package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.tensor.Shape;

/** Reference normalisations (spec 3.4, 3.5) and softmax, in double. */
final class RefNorm {

    private RefNorm() {
    }

    /** Spec 3.4 over axis 1 of NCHW: biased variance, eps inside the square root, no affine. */
    static RefTensor layerNormChannels(Tensor x, float eps) {
        RefTensor a = RefTensor.cast("layerNormChannels", x);
        Shape s = LayerOpShapes.layerNormChannels(a);
        int c = s.dim(1);
        int plane = s.dim(2) * s.dim(3);
        double[] out = new double[a.size()];
        for (int n = 0; n < s.dim(0); n++) {
            for (int q = 0; q < plane; q++) {
                int base = n * c * plane + q;
                normalise(a, out, base, plane, c, eps, null, null);
            }
        }
        return RefTensor.rounded(s, out);
    }

    /** Spec 3.4 over the last axis, then {@code ·gamma + beta} when both are given. */
    static RefTensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        RefTensor a = RefTensor.cast("layerNorm", x);
        RefTensor g = gamma == null ? null : RefTensor.cast("layerNorm", gamma);
        RefTensor b = beta == null ? null : RefTensor.cast("layerNorm", beta);
        Shape s = LayerOpShapes.layerNorm(a, g, b);
        int d = s.dim(-1);
        double[] out = new double[a.size()];
        for (int base = 0; base < a.size(); base += d) {
            normalise(a, out, base, 1, d, eps, g, b);
        }
        return RefTensor.rounded(s, out);
    }

    /** Normalises the n elements {@code base + k·stride} of {@code a} into {@code out}. */
    private static void normalise(RefTensor a, double[] out, int base, int stride, int n, float eps,
            RefTensor gamma, RefTensor beta) {
        double mean = 0.0;
        for (int k = 0; k < n; k++) {
            mean += a.get(base + k * stride);
        }
        mean /= n;
        double var = 0.0;
        for (int k = 0; k < n; k++) {
            double dv = a.get(base + k * stride) - mean;
            var += dv * dv;
        }
        var /= n;
        double inv = 1.0 / Math.sqrt(var + eps);
        for (int k = 0; k < n; k++) {
            double y = (a.get(base + k * stride) - mean) * inv;
            if (gamma != null) {
                y = y * gamma.get(k) + beta.get(k);
            }
            out[base + k * stride] = y;
        }
    }

    /**
     * Spec 3.5 on x (B, H, W, C): G[b,k] = ‖x[b,:,:,k]‖₂, N = G / (mean_k G + eps),
     * out = gamma·(x·N) + beta + x. gamma and beta hold C values in any shape.
     */
    static RefTensor grn(Tensor x, Tensor gamma, Tensor beta, float eps) {
        RefTensor a = RefTensor.cast("grn", x);
        RefTensor g = RefTensor.cast("grn", gamma);
        RefTensor bt = RefTensor.cast("grn", beta);
        Shape s = LayerOpShapes.grn(a, g, bt);
        int c = s.dim(3);
        int pixels = s.dim(1) * s.dim(2);
        double[] out = new double[a.size()];
        double[] norm = new double[c];
        for (int n = 0; n < s.dim(0); n++) {
            int base = n * pixels * c;
            java.util.Arrays.fill(norm, 0.0);
            for (int q = 0; q < pixels; q++) {
                for (int k = 0; k < c; k++) {
                    double v = a.get(base + q * c + k);
                    norm[k] += v * v;
                }
            }
            double mean = 0.0;
            for (int k = 0; k < c; k++) {
                norm[k] = Math.sqrt(norm[k]);
                mean += norm[k];
            }
            mean /= c;
            for (int q = 0; q < pixels; q++) {
                for (int k = 0; k < c; k++) {
                    int i = base + q * c + k;
                    double v = a.get(i);
                    out[i] = g.get(k) * (v * (norm[k] / (mean + eps))) + bt.get(k) + v;
                }
            }
        }
        return RefTensor.rounded(s, out);
    }

    /** exp(x − max) / Σ exp(x − max) along {@code axis}. */
    static RefTensor softmax(Tensor x, int axis) {
        RefTensor a = RefTensor.cast("softmax", x);
        Shape s = LayerOpShapes.softmax(a, axis);
        int n = s.dim(axis);
        int inner = RefStructure.product(s, axis + 1, s.rank());
        int outer = RefStructure.product(s, 0, axis);
        double[] out = new double[a.size()];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    max = Math.max(max, a.get(base + k * inner));
                }
                double sum = 0.0;
                for (int k = 0; k < n; k++) {
                    double e = Math.exp(a.get(base + k * inner) - max);
                    out[base + k * inner] = e;
                    sum += e;
                }
                for (int k = 0; k < n; k++) {
                    out[base + k * inner] /= sum;
                }
            }
        }
        return RefTensor.rounded(s, out);
    }
}
