package dev.wuerstchen.scheduler;

import java.util.Arrays;

/**
 * The timesteps of one run as the scheduler stores them (float32, like diffusers'
 * {@code scheduler.timesteps}): {@code values[0..steps()]}, where step {@code k} evaluates the
 * model at {@code values[k]} and moves the sample to {@code values[k+1]}.
 */
public record Timesteps(float[] values) {

    public Timesteps {
        values = values.clone();
        if (values.length < 2) {
            throw new IllegalArgumentException("a schedule needs at least 2 timesteps, got " + values.length);
        }
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("timesteps must be finite numbers, got " + Arrays.toString(values));
            }
        }
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** Number of model evaluations. */
    public int steps() {
        return values.length - 1;
    }

    public float get(int i) {
        return values[i];
    }

    /**
     * The index of the entry closest to {@code t} in float32 arithmetic, the first one on a tie
     * (diffusers' {@code (timesteps − t).abs().argmin()}).
     */
    public int indexOf(float t) {
        int best = 0;
        float bestDistance = Float.POSITIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            float d = Math.abs(values[i] - t);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timesteps t && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Timesteps" + Arrays.toString(values);
    }
}
