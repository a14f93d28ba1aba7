package dev.wuerstchen.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.TestData;
import dev.wuerstchen.api.TestTensors;
import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.backend.ReferenceBackend;
import dev.wuerstchen.api.noise.ReplayNoise;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.engine.LoadedModels;
import dev.wuerstchen.engine.ModelPair.Role;
import dev.wuerstchen.engine.ModelLocation;
import dev.wuerstchen.models.decoder.WuerstchenDiffNeXt;
import dev.wuerstchen.models.prior.WuerstchenPrior;
import dev.wuerstchen.scheduler.Scheduler;
import dev.wuerstchen.scheduler.SchedulerRun;
import dev.wuerstchen.scheduler.Schedulers;
import dev.wuerstchen.scheduler.TimestepSpec;
import dev.wuerstchen.scheduler.Timesteps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guided paths the tiny golden set does not record (decoder guidance, several images per prompt,
 * a negative prompt), checked against the same step composed by hand from single network calls:
 * conditional rows first, unconditional rows on zero image embeddings, lerp, scheduler step.
 */
class PipelineCompositionTest {

    static Backend backend;
    static LoadedModels models;

    @BeforeAll
    static void load() {
        ModelLocation at = ModelLocation.inFolder(TestData.tiny());
        backend = ReferenceBackend.PROVIDER.open(BackendOptions.DEFAULTS);
        models = new LoadedModels(backend, at.loadPrior(), at.loadDecoder(), Precision.F32, null);
    }

    @AfterAll
    static void close() {
        models.close();
        backend.close();
    }

    private static HostTensor text(Role role, String prompt) {
        TextEncoder enc = new TextEncoder(role == Role.PRIOR_TEXT_ENCODER ? models.priorTokenizer() : models.decoderTokenizer(),
                models.network(role));
        return enc.encode(List.of(prompt), w -> { });
    }

    @Test
    void priorWithTwoImagesAndANegativePrompt() {
        Scheduler s = Schedulers.forConfig(models.priorFolder().scheduler());
        Shape latent = Shape.of(2, 16, 3, 3);
        HostTensor z0 = TestTensors.randn(11, 2, 16, 3, 3);
        HostTensor n0 = TestTensors.randn(12, 2, 16, 3, 3);
        Map<String, HostTensor> taps = new HashMap<>();
        RunContext ctx = RunContext.of(ReplayNoise.of(z0, n0, TestTensors.randn(13, 2, 16, 3, 3))).withTap(taps::put);
        models.priorPipeline().run(new PriorRequest(List.of("a red house"), List.of("blurry"), 128, 128, 2,
                TimestepSpec.explicit(1.0, 0.6, 0.0), 3f), s, ctx, w -> { });

        HostTensor pc = text(Role.PRIOR_TEXT_ENCODER, "a red house");
        HostTensor pu = text(Role.PRIOR_TEXT_ENCODER, "blurry");
        HostTensor c = HostTensor.concatBatch(pc, pc, pu, pu);
        HostTensor r = HostTensor.of(Shape.of(4), new float[] {1f, 1f, 1f, 1f});
        HostTensor eps = models.network(Role.PRIOR).run(Map.of(WuerstchenPrior.X, HostTensor.concatBatch(z0, z0),
                WuerstchenPrior.R, r, WuerstchenPrior.C, c)).get(WuerstchenPrior.EPS);
        HostTensor guided = Guidance.lerp(eps.sliceBatch(2, 4), eps.sliceBatch(0, 2), 3f);
        Timesteps t = s.timesteps(TimestepSpec.explicit(1.0, 0.6, 0.0));
        HostTensor expected = s.begin(t).step(0, guided, z0, ReplayNoise.of(n0));
        assertEquals(latent, expected.shape());
        dev.wuerstchen.api.TestTensors.assertClose("prior step 0", expected, taps.get("prior_pipeline.latents_after_step.000"),
                1e-6);
    }

    @Test
    void decoderGuidanceSeesZeroEmbeddingsInTheUnconditionalHalf() {
        Scheduler s = Schedulers.forConfig(models.decoderFolder().scheduler());
        HostTensor embeddings = TestTensors.randn(21, 2, 16, 3, 3);
        HostTensor y0 = TestTensors.randn(22, 2, 4, 32, 32);
        HostTensor n0 = TestTensors.randn(23, 2, 4, 32, 32);
        Map<String, HostTensor> taps = new HashMap<>();
        RunContext ctx = RunContext.of(ReplayNoise.of(y0, n0)).withTap(taps::put);
        HostTensor images = models.decoderPipeline().run(new DecoderRequest(embeddings, List.of("a cat"), List.of("dog"),
                TimestepSpec.steps(1), 2.5f), s, ctx, w -> { });
        assertEquals(Shape.of(2, 3, 128, 128), images.shape());

        HostTensor dc = text(Role.DECODER_TEXT_ENCODER, "a cat");
        HostTensor du = text(Role.DECODER_TEXT_ENCODER, "dog");
        HostTensor eps = models.network(Role.DECODER).run(Map.of(WuerstchenDiffNeXt.X, HostTensor.concatBatch(y0, y0),
                WuerstchenDiffNeXt.R, HostTensor.of(Shape.of(4), new float[] {1f, 1f, 1f, 1f}), WuerstchenDiffNeXt.EFFNET,
                HostTensor.concatBatch(embeddings, HostTensor.zeros(embeddings.shape())), WuerstchenDiffNeXt.CLIP,
                HostTensor.concatBatch(dc, dc, du, du))).get(WuerstchenDiffNeXt.EPS);
        HostTensor guided = Guidance.lerp(eps.sliceBatch(2, 4), eps.sliceBatch(0, 2), 2.5f);
        SchedulerRun run = s.begin(s.timesteps(TimestepSpec.steps(1)));
        HostTensor expected = run.step(0, guided, y0, ReplayNoise.of(n0));
        dev.wuerstchen.api.TestTensors.assertClose("decoder step 0", expected,
                taps.get("decoder_pipeline.latents_after_step.000"), 1e-6);
        float[] scaled = expected.toFloatArray();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 0.3764f;
        }
        dev.wuerstchen.api.TestTensors.assertClose("VQGAN input", HostTensor.of(expected.shape(), scaled),
                taps.get("vqgan.decode.in"), 1e-7);
    }

    @Test
    void progressIsReportedAndCancellationStopsBetweenSteps() {
        Scheduler s = Schedulers.forConfig(models.priorFolder().scheduler());
        List<Progress> seen = new ArrayList<>();
        CancellationToken token = new CancellationToken();
        RunContext ctx = RunContext.of(ReplayNoise.of(TestTensors.randn(1, 1, 16, 3, 3), TestTensors.randn(2, 1, 16, 3, 3),
                TestTensors.randn(3, 1, 16, 3, 3))).withCancellation(token).withProgress(p -> {
                    seen.add(p);
                    if (p.stage() == Stage.PRIOR && p.step() == 1) {
                        token.cancel();
                    }
                });
        GenerationCancelledException e = assertThrows(GenerationCancelledException.class, () -> models.priorPipeline().run(
                new PriorRequest(List.of("a cat"), null, 128, 128, 1, TimestepSpec.steps(3), 0f), s, ctx, w -> { }));
        assertTrue(e.getMessage().contains("cancelled during the prior stage after step 1"), e.getMessage());
        assertEquals(List.of(Stage.PRIOR_TEXT, Stage.PRIOR_TEXT, Stage.PRIOR, Stage.PRIOR),
                seen.stream().map(Progress::stage).toList());
        assertEquals(3, seen.get(2).total());
    }
}
