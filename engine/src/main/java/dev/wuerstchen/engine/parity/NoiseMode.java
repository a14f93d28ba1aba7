package dev.wuerstchen.engine.parity;

/** Where the pipelines' Gaussian draws come from in a parity run. */
public enum NoiseMode {
    /** The draws recorded in the reference ({@code noise.NNNN}), fed in order. */
    REPLAY,
    /** The engine's own PyTorch-compatible generator, seeded as the reference was. */
    SEED
}
