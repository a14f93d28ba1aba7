package dev.wuerstchen.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Arrays;
import java.util.Random;

/** A row-major double tensor for the test oracle, with index helpers and comparisons. */
record DTensor(int[] shape, double[] v) {

    DTensor {
        assertEquals(Shape.of(shape).size(), v.length, "shape " + Arrays.toString(shape) + " vs data");
    }

    static DTensor zeros(int... shape) {
        return new DTensor(shape, new double[Shape.of(shape).size()]);
    }

    /** Gaussian values rounded to float, so the backend sees exactly the oracle's inputs. */
    static DTensor random(long seed, int... shape) {
        Random r = new Random(seed);
        double[] v = new double[Shape.of(shape).size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new DTensor(shape, v);
    }

    static DTensor of(HostTensor h) {
        float[] f = h.toFloatArray();
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = f[i];
        }
        return new DTensor(h.shape().dims(), v);
    }

    HostTensor host() {
        float[] f = new float[v.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) v[i];
        }
        return HostTensor.of(Shape.of(shape), f);
    }

    Tensor on(Nd4jOps ops) {
        return ops.constant(host());
    }

    int rank() {
        return shape.length;
    }

    int dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    int[] strides() {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** The multi-index of flat position {@code flat}. */
    int[] unravel(int flat) {
        int[] idx = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        return idx;
    }

    int flat(int... idx) {
        int f = 0;
        for (int i = 0; i < idx.length; i++) {
            f = f * shape[i] + idx[i];
        }
        return f;
    }

    double at(int... idx) {
        return v[flat(idx)];
    }

    /**
     * Asserts {@code |actual − expected| ≤ tol·max(1, max|expected|)} element-wise (same shape), so
     * the tolerance is relative to the tensor's scale; returns the largest scaled error.
     */
    static double assertClose(String what, DTensor expected, Tensor actual, double tol) {
        HostTensor h = Nd4jOps.toHost(actual);
        if (!Arrays.equals(expected.shape, h.shape().dims())) {
            fail(what + ": shape " + h.shape() + ", expected " + Shape.of(expected.shape));
        }
        double scale = 1;
        for (double d : expected.v) {
            scale = Math.max(scale, Math.abs(d));
        }
        float[] a = h.toFloatArray();
        double worst = 0;
        int at = -1;
        for (int i = 0; i < a.length; i++) {
            double err = Math.abs(a[i] - expected.v[i]) / scale;
            if (!(err <= worst)) { // NaN counts as worst
                worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
                at = i;
            }
        }
        if (worst > tol) {
            fail(String.format("%s: error %.3e (scaled) > %.1e at %s: got %s, expected %s", what, worst, tol,
                    Arrays.toString(expected.unravel(at)), a[at], expected.v[at]));
        }
        return worst;
    }
}
