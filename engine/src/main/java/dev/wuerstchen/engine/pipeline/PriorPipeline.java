package dev.wuerstchen.engine.pipeline;

import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.config.PriorPipelineConstants;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.models.prior.WuerstchenPrior;
import dev.wuerstchen.scheduler.Scheduler;
import dev.wuerstchen.scheduler.SchedulerRun;
import dev.wuerstchen.scheduler.Timesteps;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stage C (spec 10.1): text → image embeddings. The loop is visible here: network, guidance, step.
 */
public final class PriorPipeline {

    private final TextEncoder textEncoder;
    private final Network prior;
    private final int channels;
    private final PriorPipelineConstants constants;

    public PriorPipeline(TextEncoder textEncoder, Network prior, int channels, PriorPipelineConstants constants) {
        this.textEncoder = textEncoder;
        this.prior = prior;
        this.channels = channels;
        this.constants = constants;
    }

    /**
     * Runs the prior. Noise draws: initial latents, then one per step (spec 10.4).
     *
     * @param warnings hears about truncated prompts
     * @return image embeddings (B·n, c_in, h, w)
     */
    public HostTensor run(PriorRequest request, Scheduler scheduler, RunContext ctx, Consumer<String> warnings) {
        int n = request.imagesPerPrompt();
        boolean cfg = Guidance.active(request.guidance());
        ctx.report(Stage.PRIOR_TEXT, 0, 1);
        HostTensor cond = Batches.repeatInterleave(textEncoder.encode(request.prompts(), warnings), n);
        if (cfg) {
            HostTensor uncond = Batches.repeatInterleave(textEncoder.encode(request.negativePrompts(), warnings), n);
            cond = HostTensor.concatBatch(cond, uncond); // conditional rows first
        }
        ctx.report(Stage.PRIOR_TEXT, 1, 1);

        int batch = request.prompts().size() * n;
        double multiple = constants.resolutionMultiple();
        Shape latentShape = Shape.of(batch, channels, SizeRule.priorLatent(request.height(), multiple),
                SizeRule.priorLatent(request.width(), multiple));
        Timesteps timesteps = scheduler.timesteps(request.timesteps());
        SchedulerRun run = scheduler.begin(timesteps);
        HostTensor z = Batches.scaled(ctx.noise().next(latentShape), scheduler.initNoiseSigma());
        int steps = timesteps.steps();
        ctx.report(Stage.PRIOR, 0, steps);
        for (int k = 0; k < steps; k++) {
            ctx.checkCancelled(Stage.PRIOR, k);
            HostTensor r = Batches.filled(batch, timesteps.get(k));
            HostTensor eps = prior.run(Map.of(WuerstchenPrior.X, cfg ? Batches.twice(z) : z, WuerstchenPrior.R,
                    cfg ? Batches.twice(r) : r, WuerstchenPrior.C, cond)).get(WuerstchenPrior.EPS);
            if (cfg) {
                eps = Guidance.combine(eps, request.guidance());
            }
            z = run.step(k, eps, z, ctx.noise());
            ctx.tap().record(String.format(java.util.Locale.ROOT, "prior_pipeline.latents_after_step.%03d", k), z);
            ctx.report(Stage.PRIOR, k + 1, steps);
        }
        // "denormalise": latents·latent_mean − latent_std (multiply by 42, subtract 1)
        HostTensor embeddings = Batches.multiplySubtract(z, (float) constants.latentMean(), (float) constants.latentStd());
        ctx.tap().record("prior_pipeline.image_embeddings", embeddings);
        return embeddings;
    }

}
