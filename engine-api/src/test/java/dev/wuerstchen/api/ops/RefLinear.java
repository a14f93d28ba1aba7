package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.tensor.Shape;

/** Reference linear algebra: {@code linear} and batched {@code matmul}, accumulated in double. */
final class RefLinear {

    private RefLinear() {
    }

    /** x (..., in) · Wᵀ (out, in) + b (out). */
    static RefTensor linear(Tensor x, Tensor weight, Tensor bias) {
        RefTensor a = RefTensor.f32("linear", "x", x);
        RefTensor w = RefTensor.f32("linear", "weight", weight);
        Shape xs = a.shape();
        Shape ws = w.shape();
        if (xs.rank() < 1 || ws.rank() != 2 || ws.dim(1) != xs.dim(-1)) {
            throw new ShapeMismatchException("linear", "weight (out, " + (xs.rank() < 1 ? "in" : xs.dim(-1))
                    + ") for x " + xs, "weight " + ws);
        }
        int in = ws.dim(1);
        int out = ws.dim(0);
        RefTensor b = bias == null ? null : RefTensor.f32("linear", "bias", bias);
        if (b != null && !b.shape().equals(Shape.of(out))) {
            throw new ShapeMismatchException("linear", "bias (" + out + ") for weight " + ws, "bias " + b.shape());
        }
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
        return RefTensor.rounded(xs.withDim(-1, out), v);
    }

    /** (..., M, K)·(..., K, N) → (..., M, N), leading dimensions equal (no broadcasting). */
    static RefTensor matmul(Tensor a, Tensor b) {
        RefTensor x = RefTensor.f32("matmul", "a", a);
        RefTensor y = RefTensor.f32("matmul", "b", b);
        Shape as = x.shape();
        Shape bs = y.shape();
        int rank = as.rank();
        boolean ok = rank >= 2 && bs.rank() == rank && as.dim(-1) == bs.dim(-2)
                && as.withDim(-1, 0).withDim(-2, 0).equals(bs.withDim(-1, 0).withDim(-2, 0));
        if (!ok) {
            throw new ShapeMismatchException("matmul", "b (..., K, N) with the leading dimensions and K of a " + as,
                    "b " + bs);
        }
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
        return RefTensor.rounded(as.withDim(-1, n), v);
    }
}
