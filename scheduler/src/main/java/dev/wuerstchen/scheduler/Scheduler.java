package dev.wuerstchen.scheduler;

import dev.wuerstchen.api.config.SchedulerConfig;

/**
 * A sampler: immutable, built from a {@link SchedulerConfig}, safe to share. All per-run state
 * lives in the {@link SchedulerRun} that {@link #begin} returns.
 *
 * <p>To add a sampler: implement this interface and {@link SchedulerRun}, add a
 * {@link SchedulerProvider} and list it in
 * {@code META-INF/services/dev.wuerstchen.scheduler.SchedulerProvider}, and extend
 * {@code SchedulerContractTest} in its test. Pipelines find it by id; nothing else changes.
 */
public interface Scheduler {

    /** The provider id that made it ({@code ddpm-wuerstchen}, {@code ddim}, ...). */
    String id();

    SchedulerConfig config();

    /** The timesteps a run will use. */
    Timesteps timesteps(TimestepSpec spec);

    /** Starts a run over the given timesteps. */
    SchedulerRun begin(Timesteps timesteps);

    /** Model evaluations per step (1 for first-order samplers). */
    int order();

    /** Whether {@link SchedulerRun#step} takes a draw from its noise source on every step. */
    boolean drawsNoise();

    /** Standard deviation of the initial latents (they are {@code N(0,1)·initNoiseSigma()}). */
    double initNoiseSigma();
}
