package dev.wuerstchen.engine;

import dev.wuerstchen.api.config.DecoderModelFolder;
import dev.wuerstchen.api.config.PriorModelFolder;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.engine.ModelPair.Role;
import dev.wuerstchen.engine.pipeline.Guidance;
import dev.wuerstchen.engine.pipeline.SizeRule;
import dev.wuerstchen.models.clip.ClipTextEncoder;
import dev.wuerstchen.models.decoder.WuerstchenDiffNeXt;
import dev.wuerstchen.models.prior.WuerstchenPrior;
import dev.wuerstchen.models.vqgan.PaellaVqNetwork;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The input shapes every network sees when the pipelines serve a request: what graph backends
 * export and compile, and what {@code convert} writes. Text encoders see one prompt per call.
 */
public final class NetworkShapes {

    private static final int TOKENS = 77;

    private NetworkShapes() {
    }

    /** Shapes for {@code prompts} prompts of {@code width}×{@code height}, {@code images} per prompt. */
    public static Map<Role, Map<String, Shape>> of(PriorModelFolder prior, DecoderModelFolder decoder, int width, int height,
            int prompts, int images, float priorGuidance, float decoderGuidance) {
        int h = SizeRule.priorLatent(height, prior.constants().resolutionMultiple());
        int w = SizeRule.priorLatent(width, prior.constants().resolutionMultiple());
        int batch = prompts * images;
        int priorBatch = Guidance.active(priorGuidance) ? 2 * batch : batch;
        int decoderBatch = Guidance.active(decoderGuidance) ? 2 * batch : batch;
        int lh = SizeRule.decoderLatent(h, decoder.latentDimScale());
        int lw = SizeRule.decoderLatent(w, decoder.latentDimScale());
        int latentChannels = decoder.decoder().cIn();

        Map<Role, Map<String, Shape>> out = new EnumMap<>(Role.class);
        out.put(Role.PRIOR_TEXT_ENCODER, text(prompts));
        out.put(Role.PRIOR, shapes(WuerstchenPrior.X, Shape.of(priorBatch, prior.prior().cIn(), h, w), WuerstchenPrior.R,
                Shape.of(priorBatch), WuerstchenPrior.C, Shape.of(priorBatch, TOKENS, prior.prior().cCond())));
        out.put(Role.DECODER_TEXT_ENCODER, text(prompts));
        out.put(Role.DECODER, shapes(WuerstchenDiffNeXt.X, Shape.of(decoderBatch, latentChannels, lh, lw),
                WuerstchenDiffNeXt.R, Shape.of(decoderBatch), WuerstchenDiffNeXt.EFFNET,
                Shape.of(decoderBatch, decoder.decoder().effnetEmbd(), h, w), WuerstchenDiffNeXt.CLIP,
                Shape.of(decoderBatch, TOKENS, decoder.decoder().clipEmbd())));
        out.put(Role.VQGAN_DECODE, shapes(PaellaVqNetwork.Mode.DECODE.input(),
                Shape.of(batch, decoder.vqgan().latentChannels(), lh, lw)));
        return out;
    }

    private static Map<String, Shape> text(int prompts) {
        return shapes(ClipTextEncoder.INPUT_IDS, Shape.of(prompts, TOKENS), ClipTextEncoder.ATTENTION_MASK,
                Shape.of(prompts, TOKENS));
    }

    private static Map<String, Shape> shapes(Object... nameShape) {
        Map<String, Shape> m = new LinkedHashMap<>();
        for (int i = 0; i < nameShape.length; i += 2) {
            m.put((String) nameShape[i], (Shape) nameShape[i + 1]);
        }
        return m;
    }
}
