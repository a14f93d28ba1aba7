package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.Shape;

/**
 * An opaque value inside one {@link Ops} implementation: an eager array or a node of a recorded
 * graph. Network code sees only its static shape and element type, never its values.
 */
public interface Tensor {

    Shape shape();

    DType dtype();
}
