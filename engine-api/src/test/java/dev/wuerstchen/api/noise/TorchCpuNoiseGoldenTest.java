package dev.wuerstchen.api.noise;

import dev.wuerstchen.api.TestData;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.tensor.Shape;
import java.util.List;

/**
 * Regenerates every recorded draw of a golden reference set from its seed. The reference script
 * (shared/golden/make_golden.py) seeds one generator with {@code seed + 1} for both pipelines
 * (prior initial latents, one draw per prior step, decoder initial latents, one per decoder step) and
 * another with {@code seed + 2} for the standalone scheduler test, which first draws the sample and
 * the model output and then one noise per step. Which draw is which is derived from the index, so the
 * test runs unchanged on other reference sets.
 */
class TorchCpuNoiseGoldenTest {

    private static final long MAX_ULP = 2;

    @Test
    void regeneratesEveryRecordedDraw() {
        String set = TestData.goldenSet().getFileName().toString();
        GoldenTensors g = GoldenTensors.load();
        long seed = g.index().path("meta").path("config").path("seed").asLong();
        assertTrue(g.index().path("meta").path("config").has("seed"), "golden-index.json has meta.config.seed");

        List<String> draws = g.names("noise.");
        assertEquals(g.index().path("meta").path("noise_draws").asInt(draws.size()), draws.size());
        int schedulerDraws = g.names("scheduler.step").stream().filter(n -> n.endsWith(".noise")).toList().size();
        int pipelineDraws = draws.size() - schedulerDraws;

        // Structure check: each pipeline draws once for its initial latents and once per step, and
        // its timestep list has one entry more than it has steps.
        int priorDraws = g.shape("prior_pipeline.timesteps").dim(0);
        int decoderDraws = g.shape("decoder_pipeline.timesteps").dim(0);
        assertEquals(pipelineDraws, priorDraws + decoderDraws, "pipeline draws = prior (1 + steps) + decoder (1 + steps)");
        Shape priorLatents = g.shape("prior_pipeline.latents_after_step.000");
        Shape decoderLatents = g.shape("decoder_pipeline.latents_after_step.000");
        for (int i = 0; i < pipelineDraws; i++) {
            assertEquals(i < priorDraws ? priorLatents : decoderLatents, g.shape(draws.get(i)), draws.get(i));
        }

        long worst = 0;
        TorchCpuNoise pipelines = new TorchCpuNoise(seed + 1);
        for (int i = 0; i < pipelineDraws; i++) {
            worst = Math.max(worst, compare(g, draws.get(i), pipelines));
        }

        TorchCpuNoise scheduler = new TorchCpuNoise(seed + 2);
        worst = Math.max(worst, compare(g, "scheduler.step0.sample", scheduler));
        worst = Math.max(worst, compare(g, "scheduler.step0.model_output", scheduler));
        for (int i = pipelineDraws; i < draws.size(); i++) {
            worst = Math.max(worst, compare(g, draws.get(i), scheduler));
        }
        System.out.printf("TorchCpuNoise vs %s: %d draws, max ulp distance %d%n", set, draws.size() + 2, worst);
    }

    private static long compare(GoldenTensors g, String name, TorchCpuNoise noise) {
        Shape shape = g.shape(name);
        float[] expected = g.floats(name);
        float[] actual = noise.next(shape).toFloatArray();
        long worst = 0;
        for (int i = 0; i < expected.length; i++) {
            long d = GoldenTensors.ulpDistance(expected[i], actual[i]);
            if (d > MAX_ULP) {
                throw new AssertionError(name + "[" + i + "]: expected " + expected[i] + " but drew " + actual[i]
                        + " (" + d + " ulp)");
            }
            worst = Math.max(worst, d);
        }
        return worst;
    }
}
