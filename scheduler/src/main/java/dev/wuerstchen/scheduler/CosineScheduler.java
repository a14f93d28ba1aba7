package dev.wuerstchen.scheduler;

import dev.wuerstchen.api.config.SchedulerConfig;
import dev.wuerstchen.api.noise.NoiseSource;
import dev.wuerstchen.api.tensor.HostTensor;
import java.util.Objects;

/**
 * What first-order samplers on Würstchen's cosine ᾱ share: the config and schedule, diffusers'
 * timestep lists, argument checks, and a stateless run. A subclass supplies only its update rule.
 */
public abstract class CosineScheduler implements Scheduler {

    private final String id;
    private final SchedulerConfig config;
    private final CosineSchedule schedule;

    protected CosineScheduler(String id, SchedulerConfig config) {
        this.id = id;
        this.config = Objects.requireNonNull(config, "config");
        this.schedule = CosineSchedule.of(config);
    }

    /**
     * Moves {@code sample} from {@code t} to {@code tPrev} given the model's noise estimate; arguments
     * are checked already. Draws from {@code noise} exactly when {@link #drawsNoise()}.
     */
    protected abstract HostTensor update(float t, float tPrev, HostTensor modelOutput, HostTensor sample, NoiseSource noise);

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final SchedulerConfig config() {
        return config;
    }

    public final CosineSchedule schedule() {
        return schedule;
    }

    @Override
    public Timesteps timesteps(TimestepSpec spec) {
        return StepInputs.timesteps(id, spec);
    }

    @Override
    public final SchedulerRun begin(Timesteps timesteps) {
        Objects.requireNonNull(timesteps, "timesteps");
        return new SchedulerRun() {
            @Override
            public Timesteps timesteps() {
                return timesteps;
            }

            @Override
            public HostTensor step(int index, HostTensor modelOutput, HostTensor sample, NoiseSource noise) {
                StepInputs.check(id, timesteps, index, modelOutput, sample);
                return update(timesteps.get(index), timesteps.get(index + 1), modelOutput, sample, noise);
            }
        };
    }

    @Override
    public int order() {
        return 1;
    }

    @Override
    public double initNoiseSigma() {
        return 1.0;
    }
}
