package dev.wuerstchen.scheduler.ddim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.config.SchedulerConfig;
import dev.wuerstchen.api.noise.NoiseSource;
import dev.wuerstchen.api.noise.TorchCpuNoise;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.scheduler.Scheduler;
import dev.wuerstchen.scheduler.SchedulerContractTest;
import dev.wuerstchen.scheduler.SchedulerRun;
import dev.wuerstchen.scheduler.TimestepSpec;
import dev.wuerstchen.scheduler.Timesteps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DdimSchedulerTest extends SchedulerContractTest {

    private static final Shape SHAPE = Shape.of(2, 4, 6, 6);
    private static final double S = 0.008;

    @Override
    protected Scheduler scheduler() {
        return new DdimScheduler(SchedulerConfig.DEFAULT);
    }

    /**
     * With the true noise as the model output, one DDIM step maps the noised x₀ at t exactly onto the
     * noised x₀ at t' (same noise). The oracle is computed here in double from the schedule's formula.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 10, 11})
    void oneStepWithTheTrueNoiseLandsOnTheNextNoiseLevel(int index) {
        Timesteps t = scheduler().timesteps(TimestepSpec.steps(12));
        float[] x0 = new TorchCpuNoise(100).next(SHAPE).toFloatArray();
        float[] n = new TorchCpuNoise(200).next(SHAPE).toFloatArray();
        double ac = alphaCumprod(t.get(index));
        double acp = alphaCumprod(t.get(index + 1));
        float[] x = new float[x0.length];
        double[] expected = new double[x0.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (Math.sqrt(ac) * x0[i] + Math.sqrt(1 - ac) * n[i]);
            expected[i] = Math.sqrt(acp) * x0[i] + Math.sqrt(1 - acp) * n[i];
        }
        NoiseSource noNoise = shape -> {
            throw new AssertionError("DDIM must not draw noise");
        };
        SchedulerRun run = scheduler().begin(t);
        float[] out = run.step(index, HostTensor.of(SHAPE, n), HostTensor.of(SHAPE, x), noNoise).toFloatArray();
        double num = 0;
        double den = 0;
        for (int i = 0; i < out.length; i++) {
            num += (out[i] - expected[i]) * (out[i] - expected[i]);
            den += expected[i] * expected[i];
        }
        double err = Math.sqrt(num / den);
        System.out.printf("DDIM oracle step %d (t=%s -> %s): relative L2 %.3g%n", index, t.get(index), t.get(index + 1), err);
        assertTrue(err < 5e-6, "relative L2 error " + err);
    }

    /** ᾱ(t) in double, straight from spec 9.1 (scaler 1). */
    private static double alphaCumprod(double t) {
        double init = Math.pow(Math.cos(S / (1 + S) * Math.PI / 2), 2);
        double a = Math.pow(Math.cos((t + S) / (1 + S) * Math.PI / 2), 2) / init;
        return Math.min(Math.max(a, 1e-4), 0.9999);
    }

    @ParameterizedTest
    @ValueSource(ints = {3})
    void noiseFreeRunsDependOnlyOnTheInitialLatents(int steps) {
        Timesteps t = scheduler().timesteps(TimestepSpec.steps(steps));
        HostTensor a = run(scheduler(), t, new TorchCpuNoise(1), SHAPE);
        HostTensor b = run(scheduler(), t, new FirstDrawOnly(new TorchCpuNoise(1)), SHAPE);
        assertEquals(java.util.Arrays.toString(a.toFloatArray()), java.util.Arrays.toString(b.toFloatArray()));
    }

    /** Gives one real draw (the initial latents), then fails: proves the steps take none. */
    private static final class FirstDrawOnly implements NoiseSource {
        private final NoiseSource inner;
        private boolean used;

        FirstDrawOnly(NoiseSource inner) {
            this.inner = inner;
        }

        @Override
        public HostTensor next(Shape shape) {
            if (used) {
                throw new AssertionError("a second draw was taken");
            }
            used = true;
            return inner.next(shape);
        }
    }
}
