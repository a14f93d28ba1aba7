package dev.wuerstchen.scheduler;

import dev.wuerstchen.api.noise.NoiseSource;
import dev.wuerstchen.api.tensor.HostTensor;

/** The state of one denoising run. Not shared between runs or threads. */
public interface SchedulerRun {

    Timesteps timesteps();

    /**
     * Step {@code index}: the model was evaluated at {@code timesteps().get(index)} on
     * {@code sample} and gave {@code modelOutput}; returns the sample at the next timestep. Takes one
     * draw of the sample's shape from {@code noise} when {@link Scheduler#drawsNoise()}.
     */
    HostTensor step(int index, HostTensor modelOutput, HostTensor sample, NoiseSource noise);
}
