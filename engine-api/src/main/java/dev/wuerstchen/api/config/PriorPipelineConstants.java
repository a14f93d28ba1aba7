package dev.wuerstchen.api.config;

/**
 * model_index.json constants of the prior pipeline (spec 10.1): image embeddings are
 * {@code latents·latentMean − latentStd}; the latent size is {@code ceil(size / resolutionMultiple)}.
 */
public record PriorPipelineConstants(double latentMean, double latentStd, double resolutionMultiple) {

    public static final PriorPipelineConstants PUBLISHED = new PriorPipelineConstants(42.0, 1.0, 42.67);

    public PriorPipelineConstants {
        if (!(resolutionMultiple > 0)) {
            throw new IllegalArgumentException("resolution_multiple must be positive, got " + resolutionMultiple);
        }
    }
}
