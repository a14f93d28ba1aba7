package dev.wuerstchen.bench;

/** The classes of work {@link FlopCounter} tells apart. */
public enum OpKind {
    /** Convolutions, 2 FLOPs per multiply-add of weight and input (bias not counted). */
    CONV2D(true),
    /** Transposed convolutions, 2 FLOPs per multiply-add (bias not counted). */
    CONV_TRANSPOSE2D(true),
    /** {@code x·Wᵀ}, 2 FLOPs per multiply-add (bias not counted). */
    LINEAR(true),
    /** Batched matrix products, and the distance products of nearest-code lookups. */
    MATMUL(true),
    /** The two batched products of attention, {@code Q·Kᵀ} and {@code P·V}. */
    ATTENTION(true),
    /**
     * Everything else that computes: 1 FLOP per output element of each element-wise op, norm,
     * softmax (attention's softmax counts its score elements here) and resize.
     */
    ELEMENTWISE(false);

    private final boolean multiplyAdd;

    OpKind(boolean multiplyAdd) {
        this.multiplyAdd = multiplyAdd;
    }

    /** Whether the kind is counted in multiply-add FLOPs (2 per MAC). */
    public boolean multiplyAdd() {
        return multiplyAdd;
    }
}
