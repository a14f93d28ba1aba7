package dev.wuerstchen.api.noise;

import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;

/**
 * Standard-normal draws, one tensor per call, in the order a pipeline asks for them. Schedulers and
 * pipelines never create random generators; they take one of these.
 */
@FunctionalInterface
public interface NoiseSource {

    /** The next draw: a float32 tensor of the given shape. */
    HostTensor next(Shape shape);
}
