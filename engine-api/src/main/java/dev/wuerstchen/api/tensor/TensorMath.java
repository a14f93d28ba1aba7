package dev.wuerstchen.api.tensor;

/**
 * Error measures shared by every parity check (op conformance, golden tensors, backend against
 * backend), so that all modules mean the same thing by "relative error". Accumulates in double.
 */
public final class TensorMath {

    private TensorMath() {
    }

    /**
     * {@code ‖a − b‖₂ / ‖b‖₂} with {@code b} the reference. When {@code ‖b‖₂ = 0} the absolute
     * {@code ‖a − b‖₂} is returned instead, so two zero tensors give 0 and anything else is non-zero.
     * A NaN or infinity anywhere gives NaN or infinity, which fails every {@code ≤ tolerance} check.
     */
    public static double relativeL2(float[] a, float[] b) {
        requireSameLength("relativeL2", a, b);
        double diff = 0.0;
        double ref = 0.0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            diff += d * d;
            ref += (double) b[i] * b[i];
        }
        if (Double.isNaN(diff) || Double.isNaN(ref)) {
            return Double.NaN;
        }
        return ref == 0.0 ? Math.sqrt(diff) : Math.sqrt(diff) / Math.sqrt(ref);
    }

    /**
     * {@code max_i |a[i] − b[i]|}; NaN if any pair differs by NaN (NaN on either side), 0 for empty
     * arrays.
     */
    public static double maxAbsDiff(float[] a, float[] b) {
        requireSameLength("maxAbsDiff", a, b);
        double max = 0.0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            max = Math.max(max, d);
        }
        return max;
    }

    /** {@code max_i |a[i]|} (NaN if any element is NaN); handy to scale absolute tolerances. */
    public static double maxAbs(float[] a) {
        double max = 0.0;
        for (float v : a) {
            if (Float.isNaN(v)) {
                return Double.NaN;
            }
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    private static void requireSameLength(String what, float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(what + ": arrays of " + a.length + " and " + b.length
                    + " elements cannot be compared. Compare tensors of the same shape.");
        }
    }
}
