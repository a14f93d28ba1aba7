package dev.wuerstchen.engine.parity;

import java.util.Locale;

/**
 * One compared tensor.
 *
 * @param part the part it belongs to
 * @param name the golden tensor name (and, where it matters, the source: {@code tokenizer.0.input_ids [vocab.json]})
 * @param metric how it was compared
 * @param error the measured error in that metric
 * @param tolerance the largest error that passes
 * @param detail extra figures (max abs difference, ulp), may be empty
 */
public record Comparison(ParityPart part, String name, Metric metric, double error, double tolerance, String detail) {

    /** How a comparison measures the difference. */
    public enum Metric {
        /** Number of differing elements; must be 0. */
        EXACT("mismatches"),
        /** Largest distance in units in the last place of float32. */
        ULP("max ulp"),
        /** {@code ‖a−b‖/‖b‖}. */
        REL_L2("rel-L2"),
        /** Fraction of uint8 values that differ (none may differ by more than 1). */
        UINT8("differing");

        private final String label;

        Metric(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public boolean passed() {
        return error <= tolerance; // NaN fails
    }

    /** One line for the terminal. */
    public String line() {
        return String.format(Locale.ROOT, "%-4s %-10s %-58s %-10s %-10s tol %-9s %s", passed() ? "PASS" : "FAIL",
                part.id(), name, metric.label(), format(error), format(tolerance), detail).stripTrailing();
    }

    static String format(double v) {
        if (v == 0) {
            return "0";
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
