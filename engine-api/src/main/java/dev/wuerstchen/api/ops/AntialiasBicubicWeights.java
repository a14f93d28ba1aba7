package dev.wuerstchen.api.ops;

/**
 * The per-axis weight matrix of PyTorch's {@code interpolate(mode="bicubic", antialias=True,
 * align_corners=True)} (spec 3.9): a separable Pillow-style kernel with {@code a = −0.5}, widened
 * when down-sampling, renormalised at the borders. Shared by every backend and the graph exporter so
 * that all of them resize with the same numbers.
 */
public final class AntialiasBicubicWeights {

    /** Pillow's bicubic coefficient (PyTorch's antialias path uses it instead of −0.75). */
    private static final double A = -0.5;

    /** Half-width of the bicubic kernel at scale 1. */
    private static final double SUPPORT = 2.0;

    private AntialiasBicubicWeights() {
    }

    /**
     * {@code M[nOut][nIn]} with {@code out[i] = Σ_j M[i][j]·in[j]}, computed in double and rounded to
     * float. Entries outside a row's support are 0; {@code nIn == nOut} gives the identity.
     */
    public static float[][] matrix(int nIn, int nOut) {
        if (nIn < 1 || nOut < 1) {
            throw new IllegalArgumentException("antialiased bicubic resize: lengths " + nIn + " → " + nOut
                    + " are out of range. Both lengths must be at least 1.");
        }
        double scale = nOut > 1 ? (nIn - 1) / (double) (nOut - 1) : 0.0;
        double support = scale >= 1.0 ? SUPPORT * scale : SUPPORT;
        double inv = scale >= 1.0 ? 1.0 / scale : 1.0;
        float[][] m = new float[nOut][nIn];
        double[] w = new double[nIn];
        for (int i = 0; i < nOut; i++) {
            double center = scale * (i + 0.5);
            // (long) truncates toward zero, as the reference's int cast does.
            int lo = (int) Math.max((long) (center - support + 0.5), 0L);
            int hi = (int) Math.min((long) (center + support + 0.5), (long) nIn);
            double sum = 0.0;
            for (int j = lo; j < hi; j++) {
                w[j] = kernel((j - center + 0.5) * inv);
                sum += w[j];
            }
            if (sum == 0.0) {
                throw new IllegalStateException("antialiased bicubic resize " + nIn + " → " + nOut
                        + ": row " + i + " has no weight. This is a bug in AntialiasBicubicWeights.");
            }
            for (int j = lo; j < hi; j++) {
                m[i][j] = (float) (w[j] / sum) + 0.0f; // + 0 turns K(±1) = −0.0 into +0.0
            }
        }
        return m;
    }

    /** The cubic convolution kernel K(x) with {@code a = −0.5}. */
    static double kernel(double x) {
        double t = Math.abs(x);
        if (t < 1.0) {
            return ((A + 2.0) * t - (A + 3.0)) * t * t + 1.0;
        }
        if (t < 2.0) {
            return A * (((t - 5.0) * t + 8.0) * t - 4.0);
        }
        return 0.0;
    }
}
