package dev.wuerstchen.backend.nd4j;

/**
 * The per-axis weight matrix of PyTorch's {@code interpolate(mode="bicubic", antialias=True,
 * align_corners=True)} (spec 3.9): a Pillow-style cubic kernel (a = −0.5), widened by the scale when
 * down-sampling, with align-corners scale and half-pixel centres, renormalised per row.
 *
 * <p>Stopgap: to be replaced by the shared {@code dev.wuerstchen.api.ops.AntialiasBicubicWeights}
 * once it lands in engine-api.
 */
final class ResizeWeights {

    private static final double A = -0.5;

    private ResizeWeights() {
    }

    /** {@code M[nOut][nIn]}: output sample i is {@code Σ_j M[i][j]·in[j]}. */
    static float[][] matrix(int nIn, int nOut) {
        if (nIn < 1 || nOut < 1) {
            throw new IllegalArgumentException("resize from " + nIn + " to " + nOut + " samples: both must be ≥ 1");
        }
        double scale = nOut > 1 ? (double) (nIn - 1) / (nOut - 1) : 0.0;
        double support = scale >= 1 ? 2 * scale : 2.0;
        double inv = scale >= 1 ? 1 / scale : 1.0;
        float[][] m = new float[nOut][nIn];
        for (int i = 0; i < nOut; i++) {
            double center = scale * (i + 0.5);
            int lo = Math.max((int) (center - support + 0.5), 0);
            int hi = Math.min((int) (center + support + 0.5), nIn);
            double[] w = new double[Math.max(hi - lo, 0)];
            double sum = 0;
            for (int j = lo; j < hi; j++) {
                w[j - lo] = cubic((j - center + 0.5) * inv);
                sum += w[j - lo];
            }
            for (int j = lo; j < hi; j++) {
                m[i][j] = (float) (sum == 0 ? 0 : w[j - lo] / sum);
            }
        }
        return m;
    }

    private static double cubic(double x) {
        double t = Math.abs(x);
        if (t < 1) {
            return ((A + 2) * t - (A + 3)) * t * t + 1;
        }
        if (t < 2) {
            return (((t - 5) * t + 8) * t - 4) * A;
        }
        return 0;
    }
}
