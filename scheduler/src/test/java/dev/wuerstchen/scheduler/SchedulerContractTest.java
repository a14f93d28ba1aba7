package dev.wuerstchen.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.config.SchedulerConfig;
import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.noise.NoiseSource;
import dev.wuerstchen.api.noise.TorchCpuNoise;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Scheduler} must do, whatever its algorithm. A sampler's test extends this class
 * and supplies the scheduler; published in the scheduler module's test-jar for samplers written
 * elsewhere. The "model" here is a fixed smooth function of the sample and the timestep.
 */
public abstract class SchedulerContractTest {

    private static final Shape SHAPE = Shape.of(2, 4, 5, 5);

    /** The scheduler under test, built from its default configuration. */
    protected abstract Scheduler scheduler();

    /** A stand-in for a network: deterministic, shape-preserving, depends on x and t. */
    protected static HostTensor fakeModel(HostTensor x, float t) {
        float[] v = x.toFloatArray();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = 0.25f * v[i] + 0.1f * (float) Math.cos(i + 10.0 * t);
        }
        return HostTensor.of(x.shape(), out);
    }

    /** A whole run: initial latents and step noise from {@code noise}, the fake model in between. */
    protected static HostTensor run(Scheduler s, Timesteps timesteps, NoiseSource noise, Shape shape) {
        float[] init = noise.next(shape).toFloatArray();
        for (int i = 0; i < init.length; i++) {
            init[i] = (float) (init[i] * s.initNoiseSigma());
        }
        HostTensor x = HostTensor.of(shape, init);
        SchedulerRun run = s.begin(timesteps);
        for (int k = 0; k < timesteps.steps(); k++) {
            x = run.step(k, fakeModel(x, timesteps.get(k)), x, noise);
        }
        return x;
    }

    @Test
    void metadataIsSane() {
        Scheduler s = scheduler();
        assertTrue(s.order() >= 1, "order ≥ 1");
        assertTrue(s.initNoiseSigma() > 0 && Double.isFinite(s.initNoiseSigma()), "initNoiseSigma > 0");
        assertTrue(Schedulers.ids().contains(s.id()), "the id is registered: " + Schedulers.ids());
    }

    @Test
    void sameNoiseGivesBitIdenticalRuns() {
        Scheduler s = scheduler();
        Timesteps t = s.timesteps(TimestepSpec.steps(6));
        float[] a = run(s, t, new TorchCpuNoise(42), SHAPE).toFloatArray();
        float[] b = run(s, t, new TorchCpuNoise(42), SHAPE).toFloatArray();
        assertArrayEquals(a, b);
        for (float f : a) {
            assertTrue(Float.isFinite(f), "finite output");
        }
        assertFalse(java.util.Arrays.equals(a, run(s, t, new TorchCpuNoise(43), SHAPE).toFloatArray()),
                "another seed gives another result");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 16})
    void stepsKeepTheSampleShape(int channels) {
        Scheduler s = scheduler();
        Shape shape = Shape.of(1, channels, 3, 7);
        Timesteps t = s.timesteps(TimestepSpec.steps(4));
        SchedulerRun run = s.begin(t);
        HostTensor x = new TorchCpuNoise(1).next(shape);
        for (int k = 0; k < t.steps(); k++) {
            x = run.step(k, fakeModel(x, t.get(k)), x, new TorchCpuNoise(k));
            assertEquals(shape, x.shape());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 12, 15, 16, 30, 60, 100})
    void stepCountTimestepsDecreaseWithinTheUnitInterval(int n) {
        Timesteps t = scheduler().timesteps(TimestepSpec.steps(n));
        assertEquals(n, t.steps());
        assertEquals(1f, t.get(0));
        assertEquals(0f, t.get(n));
        for (int i = 0; i <= n; i++) {
            assertTrue(t.get(i) >= 0f && t.get(i) <= 1f, "T[" + i + "] = " + t.get(i));
            if (i > 0) {
                assertTrue(t.get(i) < t.get(i - 1), "T[" + i + "] = " + t.get(i) + " < T[" + (i - 1) + "]");
            }
        }
    }

    @Test
    void anExplicitListOfTheStepCountValuesGivesTheSameRun() {
        Scheduler s = scheduler();
        Timesteps counted = s.timesteps(TimestepSpec.steps(7));
        double[] values = new double[counted.steps() + 1];
        for (int i = 0; i < values.length; i++) {
            values[i] = counted.get(i);
        }
        Timesteps explicit = s.timesteps(TimestepSpec.explicit(values));
        assertEquals(counted, explicit);
        assertArrayEquals(run(s, counted, new TorchCpuNoise(3), SHAPE).toFloatArray(),
                run(s, explicit, new TorchCpuNoise(3), SHAPE).toFloatArray());
    }

    @Test
    void drawsNoiseSaysWhetherStepsTakeDraws() {
        Scheduler s = scheduler();
        Timesteps t = s.timesteps(TimestepSpec.steps(5));
        CountingNoise noise = new CountingNoise(new TorchCpuNoise(9));
        HostTensor x = new TorchCpuNoise(8).next(SHAPE);
        SchedulerRun run = s.begin(t);
        for (int k = 0; k < t.steps(); k++) {
            x = run.step(k, fakeModel(x, t.get(k)), x, noise);
        }
        assertEquals(s.drawsNoise() ? t.steps() : 0, noise.draws);
    }

    @Test
    void theConfigRoundTripsThroughSchedulers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        Scheduler s = scheduler();
        java.nio.file.Path json = dir.resolve("scheduler_config.json");
        java.nio.file.Files.writeString(json, s.config().toJson());
        Scheduler again = Schedulers.create(s.id(), dev.wuerstchen.api.config.SchedulerConfig.load(json));
        assertEquals(s.id(), again.id());
        assertEquals(s.config(), again.config());
        assertEquals(s.getClass(), again.getClass());
        Timesteps t = s.timesteps(TimestepSpec.steps(4));
        assertEquals(t, again.timesteps(TimestepSpec.steps(4)));
        assertArrayEquals(run(s, t, new TorchCpuNoise(5), SHAPE).toFloatArray(),
                run(again, t, new TorchCpuNoise(5), SHAPE).toFloatArray());
    }

    @Test
    void badArgumentsAreReportedNotCrashedOn() {
        Scheduler s = scheduler();
        Timesteps t = s.timesteps(TimestepSpec.steps(3));
        SchedulerRun run = s.begin(t);
        HostTensor x = HostTensor.zeros(SHAPE);
        NoiseSource noise = new TorchCpuNoise(0);
        assertThrows(IllegalArgumentException.class, () -> run.step(3, x, x, noise));
        assertThrows(IllegalArgumentException.class, () -> run.step(-1, x, x, noise));
        assertThrows(ShapeMismatchException.class, () -> run.step(0, HostTensor.zeros(Shape.of(2, 4, 5, 6)), x, noise));
        assertThrows(IllegalArgumentException.class, () -> s.timesteps(TimestepSpec.explicit(1.0, 0.5, 0.7)));
        assertThrows(IllegalArgumentException.class, () -> s.timesteps(TimestepSpec.explicit(1.5, 0.0)));
        assertThrows(IllegalArgumentException.class, () -> Schedulers.create("no-such-sampler", SchedulerConfig.DEFAULT));
    }

    /** Counts the draws taken through it. */
    protected static final class CountingNoise implements NoiseSource {
        private final NoiseSource inner;
        int draws;

        public CountingNoise(NoiseSource inner) {
            this.inner = inner;
        }

        @Override
        public HostTensor next(Shape shape) {
            draws++;
            return inner.next(shape);
        }

        public int draws() {
            return draws;
        }
    }
}
