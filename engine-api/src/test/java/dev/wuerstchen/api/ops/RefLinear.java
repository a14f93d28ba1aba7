package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.tensor.Shape;

/** Reference linear algebra: {@code linear} and batched {@code matmul}, accumulated in double. */
final class RefLinear {

    private RefLinear() {
    }

    /** x (..., in) · Wᵀ (out, in) + b (out). */
    static RefTensor linear(Tensor x, Tensor weight, Tensor bias) {
        RefTensor a = RefTensor.cast("linear", x);
        RefTensor w = RefTensor.cast("linear", weight);
        RefTensor b = bias == null ? null : RefTensor.cast("linear", bias);
        Shape result = LayerOpShapes.linear(a, w, b);
        Shape xs = a.shape();
        int in = w.shape().dim(1);
        int out = w.shape().dim(0);
        int rows = RefStructure.product(xs, 0, xs.rank() - 1);
        double[] v = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0.0 : b.get(o);
                for (int i = 0; i < in; i++) {
                    s += a.get(r * in + i) * w.get(o * in + i);
                }
                v[r * out + o] = s;
            }
        }
        return RefTensor.rounded(result, v);
    }

    /** (..., M, K)·(..., K, N) → (..., M, N), leading dimensions equal (no broadcasting). */
    static RefTensor matmul(Tensor a, Tensor b) {
        RefTensor x = RefTensor.cast("matmul", a);
        RefTensor y = RefTensor.cast("matmul", b);
        Shape result = LayerOpShapes.matmul(x, y);
        Shape as = x.shape();
        Shape bs = y.shape();
        int rank = as.rank();
        int m = as.dim(-2);
        int k = as.dim(-1);
        int n = bs.dim(-1);
        int batch = RefStructure.product(as, 0, rank - 2);
        double[] v = new double[batch * m * n];
        for (int t = 0; t < batch; t++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0.0;
                    for (int p = 0; p < k; p++) {
                        s += x.get((t * m + i) * k + p) * y.get((t * k + p) * n + j);
                    }
                    v[(t * m + i) * n + j] = s;
                }
            }
        }
        return RefTensor.rounded(result, v);
    }
}
