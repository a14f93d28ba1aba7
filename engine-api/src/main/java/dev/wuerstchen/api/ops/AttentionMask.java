package dev.wuerstchen.api.ops;

/** Which keys each query may attend to. */
public sealed interface AttentionMask {

    /** Every query sees every key (all Würstchen attention blocks). */
    record None() implements AttentionMask {
    }

    /**
     * Query {@code i} sees key {@code j} only if {@code j ≤ i} and, when {@code keyPadding} is given,
     * {@code keyPadding[b, j] = 1} (CLIP: causal and padding mask, spec 8.2). {@code keyPadding} is a
     * float32 tensor (B, Nk) holding 1 for real tokens and 0 for padding; it may be null.
     */
    record Causal(Tensor keyPadding) implements AttentionMask {
    }

    AttentionMask NONE = new None();
}
