package dev.wuerstchen.engine.pipeline;

import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.models.decoder.WuerstchenDiffNeXt;
import dev.wuerstchen.models.vqgan.PaellaVqNetwork;
import dev.wuerstchen.scheduler.Scheduler;
import dev.wuerstchen.scheduler.SchedulerRun;
import dev.wuerstchen.scheduler.Timesteps;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stage B and Stage A (spec 10.2): image embeddings + text → VQ latents → images in [0, 1].
 * Without guidance the decoder sees the embeddings; with it, the unconditional half sees zeros.
 */
public final class DecoderPipeline {

    private final TextEncoder textEncoder;
    private final Network decoder;
    private final Network vqganDecode;
    private final int latentChannels;
    private final double latentDimScale;
    private final float vqganScaleFactor;

    public DecoderPipeline(TextEncoder textEncoder, Network decoder, Network vqganDecode, int latentChannels,
            double latentDimScale, double vqganScaleFactor) {
        this.textEncoder = textEncoder;
        this.decoder = decoder;
        this.vqganDecode = vqganDecode;
        this.latentChannels = latentChannels;
        this.latentDimScale = latentDimScale;
        this.vqganScaleFactor = (float) vqganScaleFactor;
    }

    /**
     * Runs the decoder and the VQGAN. Noise draws: initial latents, then one per step.
     *
     * @return images (B, 3, H, W), clamped to [0, 1]
     */
    public HostTensor run(DecoderRequest request, Scheduler scheduler, RunContext ctx, Consumer<String> warnings) {
        HostTensor embeddings = request.imageEmbeddings();
        Shape es = embeddings.shape();
        int batch = es.dim(0);
        int perPrompt = batch / request.prompts().size();
        boolean cfg = Guidance.active(request.guidance());

        ctx.report(Stage.DECODER_TEXT, 0, 1);
        HostTensor clip = Batches.repeatInterleave(textEncoder.encode(request.prompts(), warnings), perPrompt);
        HostTensor effnet = embeddings;
        if (cfg) {
            HostTensor uncond = Batches.repeatInterleave(textEncoder.encode(request.negativePrompts(), warnings), perPrompt);
            clip = HostTensor.concatBatch(clip, uncond);
            effnet = HostTensor.concatBatch(embeddings, HostTensor.zeros(es)); // unconditional half sees no image
        }
        ctx.report(Stage.DECODER_TEXT, 1, 1);

        Shape latentShape = Shape.of(batch, latentChannels, SizeRule.decoderLatent(es.dim(2), latentDimScale),
                SizeRule.decoderLatent(es.dim(3), latentDimScale));
        Timesteps timesteps = scheduler.timesteps(request.timesteps());
        SchedulerRun run = scheduler.begin(timesteps);
        HostTensor y = Batches.scaled(ctx.noise().next(latentShape), scheduler.initNoiseSigma());
        int steps = timesteps.steps();
        ctx.report(Stage.DECODER, 0, steps);
        for (int k = 0; k < steps; k++) {
            ctx.checkCancelled(Stage.DECODER, k);
            HostTensor r = Batches.filled(batch, timesteps.get(k));
            HostTensor eps = decoder.run(Map.of(WuerstchenDiffNeXt.X, cfg ? Batches.twice(y) : y, WuerstchenDiffNeXt.R,
                    cfg ? Batches.twice(r) : r, WuerstchenDiffNeXt.EFFNET, effnet, WuerstchenDiffNeXt.CLIP, clip))
                    .get(WuerstchenDiffNeXt.EPS);
            if (cfg) {
                eps = Guidance.combine(eps, request.guidance());
            }
            y = run.step(k, eps, y, ctx.noise());
            ctx.tap().record(String.format(java.util.Locale.ROOT, "decoder_pipeline.latents_after_step.%03d", k), y);
            ctx.report(Stage.DECODER, k + 1, steps);
        }

        ctx.checkCancelled(Stage.VQGAN, 0);
        ctx.report(Stage.VQGAN, 0, 1);
        HostTensor latents = Batches.multiplySubtract(y, vqganScaleFactor, 0f);
        ctx.tap().record("vqgan.decode.in", latents);
        PaellaVqNetwork.Mode mode = PaellaVqNetwork.Mode.DECODE;
        HostTensor raw = vqganDecode.run(Map.of(mode.input(), latents)).get(mode.output());
        ctx.tap().record("vqgan.decode.out", raw);
        HostTensor images = Images.clamp01(raw);
        ctx.tap().record("decoder_pipeline.images", images);
        ctx.report(Stage.VQGAN, 1, 1);
        return images;
    }
}
