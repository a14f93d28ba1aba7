package dev.wuerstchen.engine.parity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wuerstchen.api.noise.NoiseSource;
import dev.wuerstchen.api.noise.ReplayNoise;
import dev.wuerstchen.api.noise.TorchCpuNoise;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.engine.LoadedModels;
import dev.wuerstchen.engine.pipeline.DecoderRequest;
import dev.wuerstchen.engine.pipeline.Images;
import dev.wuerstchen.engine.pipeline.PriorRequest;
import dev.wuerstchen.engine.pipeline.RunContext;
import dev.wuerstchen.scheduler.Scheduler;
import dev.wuerstchen.scheduler.Schedulers;
import dev.wuerstchen.scheduler.TimestepSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Both pipelines end to end with the reference's settings, fed the recorded draws (replay) or the
 * engine's own generator (seed): latents after every step, image embeddings, VQGAN input and output,
 * the float images and the 8-bit images.
 */
final class PipelineParity implements ParityCheck {

    /** Pipeline outputs accumulate the error of every step. */
    static final double TOLERANCE = 1e-3;
    /** At most this fraction of 8-bit values may differ, and none by more than 1. */
    static final double UINT8_TOLERANCE = 1e-3;
    /** The recorded pipeline tensors, by name. */
    static final String RECORDED = "(prior_pipeline|decoder_pipeline)\\.latents_after_step\\.\\d+|prior_pipeline\\.image_embeddings"
            + "|vqgan\\.decode\\.(in|out)|decoder_pipeline\\.images";

    @Override
    public ParityPart part() {
        return ParityPart.PIPELINE;
    }

    @Override
    public void run(ParitySession session, Consumer<Comparison> out) {
        GoldenReference ref = session.reference();
        JsonNode cfg = ref.config();
        LoadedModels models = session.models();
        int pipelineDraws = ref.names("noise\\.\\d+").size() - SchedulerParity.stepNames(ref).size();
        NoiseSource noise;
        ReplayNoise replay = null;
        if (session.options().noise() == NoiseMode.REPLAY) {
            List<HostTensor> draws = new ArrayList<>();
            for (String n : ref.names("noise\\.\\d+").subList(0, pipelineDraws)) {
                draws.add(ref.tensor(n));
            }
            noise = replay = ReplayNoise.of(draws);
        } else {
            noise = new TorchCpuNoise(ref.seed() + 1);
        }
        Map<String, HostTensor> taps = new LinkedHashMap<>();
        RunContext ctx = RunContext.of(noise).withTap(taps::put);

        List<String> prompts = strings(cfg.path("prompts"));
        List<String> negatives = prompts.stream().map(p -> cfg.path("negative").asText("")).toList();
        Scheduler priorScheduler = Schedulers.forConfig(models.priorFolder().scheduler());
        Scheduler decoderScheduler = Schedulers.forConfig(models.decoderFolder().scheduler());
        PriorRequest prior = new PriorRequest(prompts, negatives, cfg.path("width").asInt(), cfg.path("height").asInt(),
                cfg.path("images_per_prompt").asInt(1),
                SchedulerParity.priorSpec(cfg.path("prior_timesteps"), cfg.path("prior_steps")),
                (float) cfg.path("prior_guidance").asDouble());
        List<String> warnings = new ArrayList<>();
        HostTensor embeddings = models.priorPipeline().run(prior, priorScheduler, ctx, warnings::add);
        DecoderRequest decoder = new DecoderRequest(embeddings, prompts, negatives,
                TimestepSpec.steps(cfg.path("decoder_steps").asInt(12)), (float) cfg.path("decoder_guidance").asDouble());
        HostTensor images = models.decoderPipeline().run(decoder, decoderScheduler, ctx, warnings::add);

        // every recorded pipeline tensor must have been produced: a renamed tap must fail, not vanish
        for (String name : ref.names(RECORDED)) {
            HostTensor produced = taps.get(name);
            out.accept(produced == null
                    ? new Comparison(part(), name, Comparison.Metric.REL_L2, Double.POSITIVE_INFINITY, TOLERANCE,
                            "the engine's pipelines produced no tensor of this name")
                    : Compare.relL2(part(), name, produced, ref.tensor(name), TOLERANCE));
        }
        if (ref.has("decoder_pipeline.images_uint8")) {
            out.accept(uint8(Images.toRgb8(images), ref.tensor("decoder_pipeline.images_uint8")));
        }
        if (replay != null) {
            out.accept(new Comparison(part(), "noise draws used", Comparison.Metric.EXACT,
                    Math.abs(replay.consumed() - pipelineDraws), 0, replay.consumed() + " of " + pipelineDraws));
        }
    }

    private Comparison uint8(List<Images.Rgb8> actual, HostTensor expected) {
        long[] e = expected.toLongArray();
        int differing = 0;
        int worst = 0;
        int at = 0;
        for (Images.Rgb8 img : actual) {
            for (byte b : img.rgb()) {
                if (at >= e.length) {
                    return new Comparison(part(), "decoder_pipeline.images_uint8", Comparison.Metric.UINT8,
                            Double.POSITIVE_INFINITY, UINT8_TOLERANCE, "more values than the reference " + expected.shape());
                }
                int d = Math.abs((b & 0xFF) - (int) e[at++]);
                if (d != 0) {
                    differing++;
                    worst = Math.max(worst, d);
                }
            }
        }
        if (at != e.length) {
            return new Comparison(part(), "decoder_pipeline.images_uint8", Comparison.Metric.UINT8, Double.POSITIVE_INFINITY,
                    UINT8_TOLERANCE, "fewer values than the reference " + expected.shape());
        }
        double fraction = (double) differing / e.length;
        return new Comparison(part(), "decoder_pipeline.images_uint8", Comparison.Metric.UINT8,
                worst > 1 ? Double.POSITIVE_INFINITY : fraction, UINT8_TOLERANCE,
                String.format(Locale.ROOT, "%d of %d differ, max %d", differing, e.length, worst));
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else {
            out.add(n.asText());
        }
        return out;
    }
}
