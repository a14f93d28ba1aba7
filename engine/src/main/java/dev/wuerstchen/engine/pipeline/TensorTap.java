package dev.wuerstchen.engine.pipeline;

import dev.wuerstchen.api.tensor.HostTensor;

/**
 * Sees the intermediate tensors of a run under the names the golden files use (for example
 * {@code prior_pipeline.latents_after_step.004}, {@code vqgan.decode.in}); used for parity and
 * debugging.
 */
@FunctionalInterface
public interface TensorTap {

    TensorTap NONE = (name, value) -> { };

    void record(String name, HostTensor value);
}
