package dev.wuerstchen.bench;

import dev.wuerstchen.api.tensor.Shape;
import java.util.SplittableRandom;

/**
 * How large a synthetic weight is, from its diffusers name and shape, so a network with random
 * weights behaves like a trained one: activations stay finite and of order one, no denormals, no
 * overflow in softmax. Timing depends on that (denormals and NaNs slow some kernels down).
 */
final class WeightScale {

    /** Values {@code mean + std·g} with g standard normal, or {@code mean + std·|g|} if positive. */
    record Rule(float mean, float std, boolean positive) {

        float sample(SplittableRandom random) {
            double g = random.nextGaussian();
            return (float) (mean + std * (positive ? Math.abs(g) : g));
        }
    }

    private static final float SMALL = 0.02f;

    private WeightScale() {
    }

    static Rule of(String name, Shape shape) {
        if (name.endsWith("running_var")) {
            return new Rule(1f, 0.1f, true); // a variance must stay positive
        }
        if (name.endsWith("running_mean") || name.endsWith(".gamma") || name.endsWith(".beta") || name.endsWith(".gammas")) {
            return new Rule(0f, 0.1f, false); // GRN and VQGAN gains start near zero and stay small
        }
        if (name.endsWith(".bias")) {
            return new Rule(0f, SMALL, false);
        }
        if (name.contains("token_embedding.") || name.contains("position_embedding.")) {
            return new Rule(0f, SMALL, false);
        }
        if (name.endsWith(".weight") && shape.rank() == 1) {
            return new Rule(1f, SMALL, false); // LayerNorm / BatchNorm gains
        }
        if (shape.rank() >= 2) {
            long fanIn = Math.max(1, shape.elementCount() / Math.max(1, shape.dim(0)));
            float std = (float) (1 / Math.sqrt(fanIn));
            if (name.endsWith(".mapper.weight")) {
                // TimestepBlock scales the residual stream by (1 + a) in every block: keep a small,
                // or 32 blocks multiply its variance by (1 + var a)^32.
                std *= 0.1f;
            }
            return new Rule(0f, std, false);
        }
        return new Rule(0f, SMALL, false);
    }
}
