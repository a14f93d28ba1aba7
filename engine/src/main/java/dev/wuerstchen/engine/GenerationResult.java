package dev.wuerstchen.engine;

import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.engine.pipeline.Images;
import java.time.Duration;
import java.util.List;

/**
 * The images of one request: 8-bit RGB for saving, the float images (B, 3, H, W) in [0, 1], the
 * prior's image embeddings, warnings such as truncated prompts, and the scheduler ids that ran.
 */
public record GenerationResult(GenerationRequest request, List<Images.Rgb8> images, HostTensor floatImages,
        HostTensor imageEmbeddings, List<String> warnings, Duration elapsed, String priorScheduler,
        String decoderScheduler) {

    public GenerationResult {
        images = List.copyOf(images);
        warnings = List.copyOf(warnings);
    }
}
