package dev.wuerstchen.engine.parity;

import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.TensorMath;
import java.util.Locale;

/** The comparison metrics, in one place. */
public final class Compare {

    private Compare() {
    }

    /** Relative L2 error of {@code actual} against {@code expected}, with the largest absolute difference as detail. */
    public static Comparison relL2(ParityPart part, String name, HostTensor actual, HostTensor expected, double tol) {
        if (!actual.shape().equals(expected.shape())) {
            return shapeMismatch(part, name, actual, expected);
        }
        float[] a = actual.toFloatArray();
        float[] b = expected.toFloatArray();
        double err = TensorMath.relativeL2(a, b);
        return new Comparison(part, name, Comparison.Metric.REL_L2, err, tol,
                String.format(Locale.ROOT, "max|d| %.2e", TensorMath.maxAbsDiff(a, b)));
    }

    /** Number of differing integers. */
    public static Comparison exact(ParityPart part, String name, long[] actual, long[] expected) {
        if (actual.length != expected.length) {
            return new Comparison(part, name, Comparison.Metric.EXACT, Double.POSITIVE_INFINITY, 0,
                    "length " + actual.length + " vs " + expected.length);
        }
        int diff = 0;
        int first = -1;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] != expected[i]) {
                diff++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        String detail = first < 0 ? "" : "first at " + first + ": " + actual[first] + " vs " + expected[first];
        return new Comparison(part, name, Comparison.Metric.EXACT, diff, 0, detail);
    }

    /** Largest float32 ulp distance. */
    public static Comparison ulp(ParityPart part, String name, HostTensor actual, HostTensor expected, int maxUlp) {
        if (!actual.shape().equals(expected.shape())) {
            return shapeMismatch(part, name, actual, expected);
        }
        float[] a = actual.toFloatArray();
        float[] b = expected.toFloatArray();
        long worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, ulpDistance(a[i], b[i]));
        }
        return new Comparison(part, name, Comparison.Metric.ULP, worst, maxUlp,
                String.format(Locale.ROOT, "rel-L2 %.2e", TensorMath.relativeL2(a, b)));
    }

    /** Distance between two floats in representable steps (0 for equal values, including ±0). */
    public static long ulpDistance(float a, float b) {
        if (a == b) {
            return 0;
        }
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Long.MAX_VALUE;
        }
        return Math.abs(ordered(a) - ordered(b));
    }

    private static long ordered(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }

    private static Comparison shapeMismatch(ParityPart part, String name, HostTensor actual, HostTensor expected) {
        return new Comparison(part, name, Comparison.Metric.REL_L2, Double.POSITIVE_INFINITY, 0,
                "shape " + actual.shape() + " vs expected " + expected.shape());
    }
}
