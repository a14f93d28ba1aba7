package dev.wuerstchen.scheduler;

import dev.wuerstchen.api.config.SchedulerConfig;

/**
 * The continuous cosine noise schedule ᾱ(t), t ∈ [0, 1], of Würstchen (spec 9.1):
 * {@code clamp(cos²((t + s)/(1 + s)·π/2) / cos²(s/(1 + s)·π/2), 1e-4, 0.9999)}, with t first
 * warped by {@code scaler}. Evaluated in float32, one rounding per operation in diffusers' order, so
 * values agree with diffusers' {@code _alpha_cumprod} to within an ulp or so (the only difference is
 * PyTorch's vectorised cosine). Immutable; shared by every sampler on this schedule.
 */
public final class CosineSchedule {

    private static final float MIN = 1e-4f;
    private static final float MAX = 0.9999f;
    private static final float PI = (float) Math.PI;

    private final float s;
    private final double scaler;
    private final float denominator;

    public CosineSchedule(double s, double scaler) {
        if (!(s >= 0) || !Double.isFinite(s) || !(scaler > 0) || !Double.isFinite(scaler)) {
            throw new IllegalArgumentException("cosine schedule: s must be finite and ≥ 0 and scaler finite and > 0 (s="
                    + s + ", scaler=" + scaler + "). Use the values of scheduler_config.json (s 0.008, scaler 1.0).");
        }
        this.s = (float) s;
        this.scaler = scaler;
        this.denominator = cosSquared(0f);
    }

    public static CosineSchedule of(SchedulerConfig config) {
        return new CosineSchedule(config.s(), config.scaler());
    }

    /** ᾱ(t) in float32. */
    public float alphaCumprod(float t) {
        float warped = t;
        if (scaler > 1) {
            warped = 1f - (float) Math.pow(1f - t, (float) scaler);
        } else if (scaler < 1) {
            warped = (float) Math.pow(t, (float) scaler);
        }
        float a = cosSquared(warped) / denominator;
        return Math.min(Math.max(a, MIN), MAX);
    }

    private float cosSquared(float t) {
        float angle = (t + s) / (1f + s) * PI * 0.5f;
        float c = (float) Math.cos(angle);
        return c * c;
    }

    public double s() {
        return s;
    }

    public double scaler() {
        return scaler;
    }
}
