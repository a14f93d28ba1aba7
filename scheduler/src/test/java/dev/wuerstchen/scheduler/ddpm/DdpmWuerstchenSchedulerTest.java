package dev.wuerstchen.scheduler.ddpm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wuerstchen.api.config.SchedulerConfig;
import dev.wuerstchen.api.noise.ReplayNoise;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.scheduler.Scheduler;
import dev.wuerstchen.scheduler.SchedulerContractTest;
import dev.wuerstchen.scheduler.SchedulerRun;
import dev.wuerstchen.scheduler.TimestepSpec;
import dev.wuerstchen.scheduler.Timesteps;
import org.junit.jupiter.api.Test;

class DdpmWuerstchenSchedulerTest extends SchedulerContractTest {

    private static final Shape SHAPE = Shape.of(1, 2);

    @Override
    protected Scheduler scheduler() {
        return new DdpmWuerstchenScheduler(SchedulerConfig.DEFAULT);
    }

    /** Spec 9.3 worked numbers: 60 steps, x = 1, ε = 0.5; with noise 0 the step gives μ, with 1 it gives μ + σ. */
    @Test
    void specWorkedNumbersFirstStep() {
        Timesteps t = scheduler().timesteps(TimestepSpec.steps(60));
        assertEquals(0.98333335f, t.get(1));
        float[] mu = stepWithNoise(t, 0, 0f);
        float[] muPlusSigma = stepWithNoise(t, 0, 1f);
        assertEquals(1.4910249f, mu[0], 2e-7f);
        assertEquals(0.92263383f, muPlusSigma[0] - mu[0], 2e-7f);
    }

    @Test
    void specWorkedNumbersLastStepIgnoresItsNoise() {
        Timesteps t = scheduler().timesteps(TimestepSpec.steps(60));
        assertEquals(0.016666668f, t.get(59));
        float[] mu = stepWithNoise(t, 59, 0f);
        assertEquals(0.98379856f, mu[0], 2e-7f);
        assertEquals(mu[0], stepWithNoise(t, 59, 1f)[0], "t' = 0: the drawn noise is multiplied by 0");
    }

    @Test
    void defaultStageCTimestepsMatchTheSpecList() {
        Timesteps t = scheduler().timesteps(DdpmWuerstchenScheduler.DEFAULT_STAGE_C_TIMESTEPS);
        assertEquals(29, t.steps());
        double[] spec = {1.0, 0.982456, 0.964912, 0.947368, 0.929825, 0.912281, 0.894737, 0.877193, 0.859649,
            0.842105, 0.824561, 0.807018, 0.789474, 0.771930, 0.754386, 0.736842, 0.719298, 0.701754, 0.684211,
            0.666667, 0.6, 0.533333, 0.466667, 0.4, 0.333333, 0.266667, 0.2, 0.133333, 0.066667, 0.0};
        for (int i = 0; i < spec.length; i++) {
            assertEquals(spec[i], t.get(i), 6e-7, "T[" + i + "]");
        }
    }

    private float[] stepWithNoise(Timesteps t, int index, float noiseValue) {
        SchedulerRun run = scheduler().begin(t);
        HostTensor x = HostTensor.of(SHAPE, new float[] {1f, 1f});
        HostTensor eps = HostTensor.of(SHAPE, new float[] {0.5f, 0.5f});
        ReplayNoise noise = ReplayNoise.of(HostTensor.of(SHAPE, new float[] {noiseValue, noiseValue}));
        float[] out = run.step(index, eps, x, noise).toFloatArray();
        assertEquals(1, noise.consumed(), "one draw per step");
        return out;
    }
}
