package dev.wuerstchen.api.ops;

/** Element-wise functions of one float32 argument (spec 3.3). */
public enum UnaryFn {
    /** Exact GELU: {@code 0.5·x·(1 + erf(x/√2))}. */
    GELU,
    /** CLIP's quick GELU: {@code x·σ(1.702·x)}. */
    QUICK_GELU,
    /** {@code x·σ(x)}. */
    SILU,
    /** {@code 1/(1+e^−x)}. */
    SIGMOID,
    ABS,
    SQRT,
    SIN,
    COS
}
