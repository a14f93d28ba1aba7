package dev.wuerstchen.engine.pipeline;

import dev.wuerstchen.api.error.UnsupportedRequestException;
import java.util.Locale;

/**
 * Which image sizes the pipeline can make (spec 10.1 step 3, 10.2 step 3): the prior latent side is
 * {@code ceil(size / resolutionMultiple)}, the decoder latent side {@code int(that · latentDimScale)},
 * which must be divisible by the decoder's {@code decoderMultiple}; the image side is
 * {@code vqganScale ×} the decoder latent side.
 */
public record SizeRule(double resolutionMultiple, double latentDimScale, int decoderMultiple, int vqganScale) {

    /** The largest side this engine accepts. */
    public static final int MAX_SIDE = 4096;

    /** The rule of a model pair's configs. */
    public static SizeRule of(dev.wuerstchen.api.config.PriorModelFolder prior,
            dev.wuerstchen.api.config.DecoderModelFolder decoder) {
        return new SizeRule(prior.constants().resolutionMultiple(), decoder.latentDimScale(),
                dev.wuerstchen.models.decoder.WuerstchenDiffNeXt.sizeMultiple(decoder.decoder()),
                dev.wuerstchen.models.vqgan.PaellaVqNetwork.scale(decoder.vqgan()));
    }

    public int priorLatent(int size) {
        return priorLatent(size, resolutionMultiple);
    }

    public int decoderLatent(int priorLatent) {
        return decoderLatent(priorLatent, latentDimScale);
    }

    /** {@code ceil(size / resolutionMultiple)} (spec 10.1 step 3). */
    public static int priorLatent(int size, double resolutionMultiple) {
        return (int) Math.ceil(size / resolutionMultiple);
    }

    /** {@code int(priorLatent · latentDimScale)}: truncation, as Python's {@code int()} (spec 10.2 step 3). */
    public static int decoderLatent(int priorLatent, double latentDimScale) {
        return (int) (priorLatent * latentDimScale);
    }

    /** The side of the image that a requested side produces. */
    public int outputSide(int size) {
        return vqganScale * decoderLatent(priorLatent(size));
    }

    public boolean fits(int size) {
        return size > 0 && decoderLatent(priorLatent(size)) % decoderMultiple == 0 && decoderLatent(priorLatent(size)) > 0;
    }

    /** Throws a message with the nearest sizes that work when width or height does not fit. */
    public void check(int width, int height) {
        for (int[] side : new int[][] {{width, 'w'}, {height, 'h'}}) {
            int s = side[0];
            String what = side[1] == 'w' ? "width" : "height";
            if (s < 1 || s > MAX_SIDE) {
                throw new UnsupportedRequestException(String.format(Locale.ROOT,
                        "%s %d is outside 1..%d", what, s, MAX_SIDE), "Choose a size such as " + nearest(Math.max(1,
                        Math.min(s, MAX_SIDE))));
            }
            if (!fits(s)) {
                throw new UnsupportedRequestException(String.format(Locale.ROOT,
                        "%s %d does not fit the decoder: its latent side would be %d, which is not divisible by %d", what, s,
                        decoderLatent(priorLatent(s)), decoderMultiple), "The nearest sizes that work are " + nearest(s));
            }
        }
    }

    /** The nearest sizes below and above {@code size} that produce exactly themselves. */
    public String nearest(int size) {
        int below = -1;
        for (int s = Math.min(size, MAX_SIDE); s >= 1; s--) {
            if (fits(s) && outputSide(s) == s) {
                below = s;
                break;
            }
        }
        int above = -1;
        for (int s = Math.max(size, 1); s <= MAX_SIDE; s++) {
            if (fits(s) && outputSide(s) == s) {
                above = s;
                break;
            }
        }
        if (below > 0 && above > 0 && below != above) {
            return below + " and " + above;
        }
        return Integer.toString(below > 0 ? below : above);
    }
}
