package dev.wuerstchen.scheduler.ddim;

import dev.wuerstchen.api.config.SchedulerConfig;
import dev.wuerstchen.api.noise.NoiseSource;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.scheduler.CosineSchedule;
import dev.wuerstchen.scheduler.Scheduler;
import dev.wuerstchen.scheduler.SchedulerRun;
import dev.wuerstchen.scheduler.StepInputs;
import dev.wuerstchen.scheduler.TimestepSpec;
import dev.wuerstchen.scheduler.Timesteps;
import java.util.Objects;

/**
 * Deterministic DDIM sampling (η = 0) on the Würstchen cosine schedule. Step k moves the sample from
 * t = T[k] to t' = T[k+1] by estimating the clean sample and re-noising it with the model's own
 * noise estimate:
 * <pre>
 *   ᾱ = ᾱ(t), ᾱ' = ᾱ(t')
 *   x₀ = (x − √(1 − ᾱ)·ε) / √ᾱ
 *   x' = √ᾱ'·x₀ + √(1 − ᾱ')·ε
 * </pre>
 * No noise is drawn, so a run depends only on the initial latents; it tolerates few steps better than
 * ancestral DDPM. ᾱ is the same float32 schedule as {@code DdpmWuerstchenScheduler} (so ᾱ(0) = 0.9999
 * and the last step keeps 1% of ε, like DDPM's last mean); the per-element arithmetic is in double
 * and rounded once. Not part of the reference pipelines: there is no diffusers result to match.
 */
public final class DdimScheduler implements Scheduler {

    public static final String ID = "ddim";

    private final SchedulerConfig config;
    private final CosineSchedule schedule;

    public DdimScheduler(SchedulerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.schedule = CosineSchedule.of(config);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public SchedulerConfig config() {
        return config;
    }

    @Override
    public Timesteps timesteps(TimestepSpec spec) {
        return StepInputs.timesteps(ID, spec);
    }

    @Override
    public SchedulerRun begin(Timesteps timesteps) {
        return new Run(Objects.requireNonNull(timesteps, "timesteps"));
    }

    @Override
    public int order() {
        return 1;
    }

    @Override
    public boolean drawsNoise() {
        return false;
    }

    @Override
    public double initNoiseSigma() {
        return 1.0;
    }

    private final class Run implements SchedulerRun {

        private final Timesteps timesteps;

        Run(Timesteps timesteps) {
            this.timesteps = timesteps;
        }

        @Override
        public Timesteps timesteps() {
            return timesteps;
        }

        @Override
        public HostTensor step(int index, HostTensor modelOutput, HostTensor sample, NoiseSource noise) {
            StepInputs.check(ID, timesteps, index, modelOutput, sample);
            double alphaCumprod = schedule.alphaCumprod(timesteps.get(index));
            double alphaCumprodPrev = schedule.alphaCumprod(timesteps.get(index + 1));
            double signal = Math.sqrt(alphaCumprod);
            double noiseLevel = Math.sqrt(1 - alphaCumprod);
            double signalPrev = Math.sqrt(alphaCumprodPrev);
            double noiseLevelPrev = Math.sqrt(1 - alphaCumprodPrev);

            float[] x = sample.toFloatArray();
            float[] eps = modelOutput.toFloatArray();
            float[] out = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                double x0 = (x[i] - noiseLevel * eps[i]) / signal;
                out[i] = (float) (signalPrev * x0 + noiseLevelPrev * eps[i]);
            }
            return HostTensor.of(sample.shape(), out);
        }
    }
}
