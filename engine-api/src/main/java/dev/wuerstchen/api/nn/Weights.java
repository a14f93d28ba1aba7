package dev.wuerstchen.api.nn;

import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.Shape;

/** Named parameters as tensors of one {@link dev.wuerstchen.api.ops.Ops} implementation. */
@FunctionalInterface
public interface Weights {

    /**
     * The parameter stored under {@code key} (the diffusers name, verbatim), as float32.
     *
     * @throws dev.wuerstchen.api.error.WeightsMismatchException if it is absent or not {@code expected}
     */
    Tensor get(String key, Shape expected);
}
