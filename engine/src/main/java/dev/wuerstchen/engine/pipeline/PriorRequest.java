package dev.wuerstchen.engine.pipeline;

import dev.wuerstchen.scheduler.TimestepSpec;
import java.util.List;
import java.util.Objects;

/**
 * What the prior pipeline is asked to do.
 *
 * @param prompts one or more prompts
 * @param negativePrompts one per prompt (used only with guidance); null means {@code ""} for each
 * @param imagesPerPrompt images (embeddings) per prompt
 * @param guidance classifier-free guidance scale; active when above 1
 */
public record PriorRequest(List<String> prompts, List<String> negativePrompts, int width, int height, int imagesPerPrompt,
        TimestepSpec timesteps, float guidance) {

    public PriorRequest {
        prompts = List.copyOf(prompts);
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("at least one prompt is needed");
        }
        negativePrompts = negativePrompts == null ? prompts.stream().map(p -> "").toList() : List.copyOf(negativePrompts);
        if (negativePrompts.size() != prompts.size()) {
            throw new IllegalArgumentException(negativePrompts.size() + " negative prompts for " + prompts.size()
                    + " prompts; give one per prompt or none");
        }
        Objects.requireNonNull(timesteps, "timesteps");
        if (imagesPerPrompt < 1) {
            throw new IllegalArgumentException("images per prompt must be at least 1, got " + imagesPerPrompt);
        }
        if (!(guidance >= 0) || Float.isInfinite(guidance)) {
            throw new IllegalArgumentException("prior guidance must be a number ≥ 0, got " + guidance);
        }
    }
}
