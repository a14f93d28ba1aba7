package dev.wuerstchen.graph;

import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Objects;

/**
 * One SSA value of a recorded graph: a graph input, a weight, or the result of exactly one
 * {@link Node}. Its shape and element type are static. {@code id} is its position in the recording
 * order, so a value's producer always comes before its users.
 */
public record Value(int id, Shape shape, DType dtype) implements Tensor {

    public Value {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
        if (id < 0) {
            throw new IllegalArgumentException("value id " + id + " is negative");
        }
    }

    @Override
    public String toString() {
        return "%" + id + shape + " " + dtype;
    }
}
