package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.tensor.Shape;

/**
 * Reference antialiased bicubic resize (spec 3.9): {@code out[c] = M_h · in[c] · M_wᵀ} with the
 * shared float32 matrices of {@link AntialiasBicubicWeights}, applied rows (H) first, then columns
 * (W), accumulated in double.
 */
final class RefResize {

    private RefResize() {
    }

    static RefTensor resizeBicubicAntialias(Tensor x, int outHeight, int outWidth) {
        RefTensor a = RefTensor.cast("resizeBicubicAntialias", x);
        Shape result = LayerOpShapes.resizeBicubicAntialias(a, outHeight, outWidth);
        Shape s = a.shape();
        int h = s.dim(2), w = s.dim(3), planes = s.dim(0) * s.dim(1);
        float[][] mh = AntialiasBicubicWeights.matrix(h, outHeight);
        float[][] mw = AntialiasBicubicWeights.matrix(w, outWidth);
        double[] out = new double[planes * outHeight * outWidth];
        double[] rows = new double[outHeight * w];
        for (int p = 0; p < planes; p++) {
            int base = p * h * w;
            for (int i = 0; i < outHeight; i++) {
                for (int xx = 0; xx < w; xx++) {
                    double sum = 0.0;
                    for (int y = 0; y < h; y++) {
                        sum += mh[i][y] * a.get(base + y * w + xx);
                    }
                    rows[i * w + xx] = sum;
                }
            }
            for (int i = 0; i < outHeight; i++) {
                for (int j = 0; j < outWidth; j++) {
                    double sum = 0.0;
                    for (int xx = 0; xx < w; xx++) {
                        sum += mw[j][xx] * rows[i * w + xx];
                    }
                    out[(p * outHeight + i) * outWidth + j] = sum;
                }
            }
        }
        return RefTensor.rounded(result, out);
    }
}
