package dev.wuerstchen.scheduler;

/** How a run's timesteps are chosen. */
public sealed interface TimestepSpec {

    /** {@code n} model evaluations on the scheduler's default spacing. */
    record StepCount(int steps) implements TimestepSpec {
        public StepCount {
            if (steps < 1) {
                throw new IllegalArgumentException("the number of steps must be at least 1, got " + steps);
            }
        }
    }

    /**
     * An explicit list of ratios, first evaluated first; the last entry is the target and is never a
     * model input (so {@code values.length − 1} model evaluations).
     */
    record Explicit(double[] values) implements TimestepSpec {
        public Explicit {
            values = values.clone();
            if (values.length < 2) {
                throw new IllegalArgumentException("an explicit timestep list needs at least 2 values (start and end), got "
                        + values.length);
            }
        }

        @Override
        public double[] values() {
            return values.clone();
        }
    }

    static TimestepSpec steps(int n) {
        return new StepCount(n);
    }

    static TimestepSpec explicit(double... values) {
        return new Explicit(values);
    }
}
