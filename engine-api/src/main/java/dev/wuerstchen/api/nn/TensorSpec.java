package dev.wuerstchen.api.nn;

import dev.wuerstchen.api.tensor.DType;

/** A named network input or output and its element type; shapes are given per call. */
public record TensorSpec(String name, DType dtype) {
}
