package dev.wuerstchen.engine.pipeline;

import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Arrays;

/** Host-side batch manipulations the pipelines need. */
final class Batches {

    private Batches() {
    }

    /** Each row repeated {@code n} times consecutively (PyTorch {@code repeat_interleave(n, dim=0)}). */
    static HostTensor repeatInterleave(HostTensor t, int n) {
        if (n == 1) {
            return t;
        }
        Shape s = t.shape();
        int rows = s.dim(0);
        int row = s.size() / Math.max(rows, 1);
        float[] src = t.toFloatArray();
        float[] out = new float[src.length * n];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < n; k++) {
                System.arraycopy(src, r * row, out, (r * n + k) * row, row);
            }
        }
        return HostTensor.of(s.withDim(0, rows * n), out);
    }

    /** A vector of {@code n} copies of {@code value}. */
    static HostTensor filled(int n, float value) {
        float[] v = new float[n];
        Arrays.fill(v, value);
        return HostTensor.of(Shape.of(n), v);
    }

    /** {@code t·factor − subtrahend} in float32, element by element (two roundings, as PyTorch). */
    static HostTensor multiplySubtract(HostTensor t, float factor, float subtrahend) {
        float[] v = t.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] * factor - subtrahend;
        }
        return HostTensor.of(t.shape(), v);
    }

    /** Initial latents scaled by the scheduler's {@code initNoiseSigma} (1 for the Würstchen samplers). */
    static HostTensor scaled(HostTensor t, double sigma) {
        return sigma == 1.0 ? t : multiplySubtract(t, (float) sigma, 0f);
    }

    static HostTensor twice(HostTensor t) {
        return HostTensor.concatBatch(t, t);
    }
}
