package dev.wuerstchen.scheduler.ddpm;

import dev.wuerstchen.api.TestData;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wuerstchen.api.config.SchedulerConfig;
import dev.wuerstchen.api.noise.GoldenTensors;
import dev.wuerstchen.api.noise.ReplayNoise;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.scheduler.Linspace;
import dev.wuerstchen.scheduler.SchedulerRun;
import dev.wuerstchen.scheduler.TimestepSpec;
import dev.wuerstchen.scheduler.Timesteps;
import java.nio.file.Path;

/**
 * The scheduler against diffusers' own numbers in a golden reference set. Everything is derived from
 * the set (its config, tensor shapes and step count), so other reference sets run unchanged.
 */
class DdpmWuerstchenGoldenTest {

    private static final double TOLERANCE = 1e-6;

    private final DdpmWuerstchenScheduler scheduler = new DdpmWuerstchenScheduler(SchedulerConfig.DEFAULT);

    @Test
    void schedulerConfigOfTheReferenceFoldersIsTheDefault() {
        String set = TestData.goldenSet().getFileName().toString();
        GoldenTensors g = GoldenTensors.load();
        for (String pipeline : new String[] {"wuerstchen", "wuerstchen-prior"}) {
            Path file = g.folder().resolve(pipeline).resolve("scheduler/scheduler_config.json");
            assertEquals(SchedulerConfig.DEFAULT, SchedulerConfig.load(file));
        }
    }

    @Test
    void alphaCumprodOnTheGrid() {
        String set = TestData.goldenSet().getFileName().toString();
        GoldenTensors g = GoldenTensors.load();
        float[] grid = g.floats("scheduler.t_grid");
        float[] expected = g.floats("scheduler.alpha_cumprod");
        double worst = 0;
        for (int i = 0; i < grid.length; i++) {
            worst = Math.max(worst, relative(expected[i], scheduler.schedule().alphaCumprod(grid[i]), "ᾱ(" + grid[i] + ")"));
        }
        // The grid itself is torch.linspace(0, 1, n).
        double gridWorst = compare(grid, Linspace.torchFloat32(0f, 1f, grid.length), "t_grid");
        report(set, "alpha_cumprod max rel " + worst + ", t_grid max rel " + gridWorst);
    }

    @Test
    void timestepLists() {
        String set = TestData.goldenSet().getFileName().toString();
        GoldenTensors g = GoldenTensors.load();
        JsonNode config = g.index().path("meta").path("config");

        float[] seven = g.floats("scheduler.linspace7");
        double w7 = compare(seven, scheduler.timesteps(TimestepSpec.steps(seven.length - 1)).values(), "linspace7");

        float[] decoder = g.floats("decoder_pipeline.timesteps");
        assertEquals(config.path("decoder_steps").asInt(), decoder.length - 1, "decoder steps");
        double wd = compare(decoder, scheduler.timesteps(TimestepSpec.steps(decoder.length - 1)).values(), "decoder timesteps");

        JsonNode prior = config.path("prior_timesteps");
        TimestepSpec priorSpec;
        if (prior.isTextual() && prior.asText().equals("default")) {
            priorSpec = DdpmWuerstchenScheduler.DEFAULT_STAGE_C_TIMESTEPS;
        } else if (prior.isArray()) {
            double[] v = new double[prior.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = prior.get(i).asDouble();
            }
            priorSpec = TimestepSpec.explicit(v);
        } else {
            priorSpec = TimestepSpec.steps(prior.asInt());
        }
        double wp = compare(g.floats("prior_pipeline.timesteps"), scheduler.timesteps(priorSpec).values(), "prior timesteps");
        report(set, "timesteps max rel: linspace7 " + w7 + ", decoder " + wd + ", prior " + wp);
    }

    @Test
    void singleStepsWithTheirRecordedNoise() {
        String set = TestData.goldenSet().getFileName().toString();
        GoldenTensors g = GoldenTensors.load();
        Timesteps timesteps = new Timesteps(g.floats("scheduler.linspace7"));
        SchedulerRun run = scheduler.begin(timesteps);
        int steps = (int) g.names("scheduler.step").stream().filter(n -> n.endsWith(".prev_sample")).count();
        assertTrue(steps > 0, "the set has single-step records");
        StringBuilder figures = new StringBuilder();
        for (int k = 0; k < steps; k++) {
            String p = "scheduler.step" + k + ".";
            float[] t = g.floats(p + "t");
            for (float v : t) {
                assertEquals(t[0], v, "all entries of the timestep tensor are equal");
            }
            // diffusers finds the previous timestep by nearest value (first one on a tie).
            int index = timesteps.indexOf(t[0]);
            if (t[0] == 0.5f && timesteps.steps() == 7) {
                // 0.5 lies exactly between T[3] and T[4] of linspace(1, 0, 8) in float32; argmin takes T[3].
                assertEquals(Math.abs(timesteps.get(3) - 0.5f), Math.abs(timesteps.get(4) - 0.5f));
                assertEquals(3, index);
            }
            // diffusers evaluates ᾱ at the t it is given and looks only t' up in the schedule. A t on the
            // grid is exactly our step(index); an off-grid t (0.5 here) is a two-point schedule [t, t'].
            boolean onGrid = timesteps.get(index) == t[0];
            SchedulerRun stepRun = onGrid ? run : scheduler.begin(new Timesteps(new float[] {t[0], timesteps.get(index + 1)}));
            ReplayNoise replay = ReplayNoise.of(g.tensor(p + "noise"));
            HostTensor out = stepRun.step(onGrid ? index : 0, g.tensor(p + "model_output"), g.tensor(p + "sample"), replay);
            assertEquals(1, replay.consumed());
            double err = relativeL2(g.floats(p + "prev_sample"), out.toFloatArray());
            assertTrue(err <= TOLERANCE, p + "prev_sample: relative L2 error " + err);
            figures.append(String.format(" step%d(t=%s, index %d) %.3g", k, t[0], index, err));
        }

        // The last step lands on 0: previous_timestep of T[steps-1] is 0 (its noise is discarded).
        float[] lastPrev = g.floats("scheduler.last.prev_t");
        float lastT = timesteps.get(timesteps.steps() - 1);
        assertEquals(lastPrev[0], timesteps.get(timesteps.indexOf(lastT) + 1));
        report(set, "single steps, relative L2:" + figures);
    }

    private static double compare(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, relative(expected[i], actual[i], what + "[" + i + "]"));
        }
        return worst;
    }

    private static double relative(float expected, float actual, String what) {
        double err = Math.abs((double) actual - expected) / Math.max(Math.abs((double) expected), 1e-30);
        if (expected == 0f) {
            err = Math.abs(actual);
        }
        assertTrue(err <= TOLERANCE, what + ": expected " + expected + " but got " + actual + " (relative error " + err + ")");
        return err;
    }

    private static double relativeL2(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        double num = 0;
        double den = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = (double) actual[i] - expected[i];
            num += d * d;
            den += (double) expected[i] * expected[i];
        }
        return Math.sqrt(num / den);
    }

    private static void report(String set, String line) {
        System.out.println("DDPM-Wuerstchen vs " + set + ": " + line);
    }
}
