package dev.wuerstchen.engine.pipeline;

import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.scheduler.TimestepSpec;
import java.util.List;
import java.util.Objects;

/**
 * What the decoder pipeline is asked to do.
 *
 * @param imageEmbeddings (B, 16, h, w) from the prior
 * @param prompts P prompts; prompt i conditions embeddings {@code [i·B/P, (i+1)·B/P)} (B divisible by P)
 * @param negativePrompts one per prompt (used only with guidance); null means {@code ""}
 * @param guidance classifier-free guidance scale; active when above 1
 */
public record DecoderRequest(HostTensor imageEmbeddings, List<String> prompts, List<String> negativePrompts,
        TimestepSpec timesteps, float guidance) {

    public DecoderRequest {
        Objects.requireNonNull(imageEmbeddings, "imageEmbeddings");
        prompts = List.copyOf(prompts);
        if (prompts.isEmpty() || imageEmbeddings.shape().dim(0) % prompts.size() != 0) {
            throw new IllegalArgumentException(prompts.size() + " prompts cannot condition " + imageEmbeddings.shape().dim(0)
                    + " image embeddings; give one prompt, or one per equal group of embeddings");
        }
        negativePrompts = negativePrompts == null ? prompts.stream().map(p -> "").toList() : List.copyOf(negativePrompts);
        if (negativePrompts.size() != prompts.size()) {
            throw new IllegalArgumentException(negativePrompts.size() + " negative prompts for " + prompts.size() + " prompts");
        }
        Objects.requireNonNull(timesteps, "timesteps");
        if (!(guidance >= 0) || Float.isInfinite(guidance)) {
            throw new IllegalArgumentException("decoder guidance must be a number ≥ 0, got " + guidance);
        }
    }
}
