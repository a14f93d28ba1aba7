package dev.wuerstchen.api.backend;

/** The precision a backend computes a network in. */
public enum Precision {
    /** float32 everywhere: the precision parity is defined in. */
    F32,
    /** float16 weights and activations where the backend supports it. */
    F16,
    /** int8 weights/activations from a quantized model. */
    INT8
}
