package dev.wuerstchen.api.ops;

/** Element-wise functions of two float32 arguments, with NumPy broadcasting. */
public enum BinaryFn {
    ADD,
    SUB,
    MUL,
    DIV
}
