package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.List;

/**
 * The vocabulary the four Würstchen networks are written in (spec section 3). One implementation
 * computes eagerly, another records a graph; network code cannot tell them apart.
 *
 * <p>Rules every implementation follows:
 * <ul>
 *   <li>Ops are functional: they return a new tensor and never change their arguments.</li>
 *   <li>Shapes are static and checked on entry; a mismatch is a
 *       {@link dev.wuerstchen.api.error.ShapeMismatchException} naming the op and both shapes.</li>
 *   <li>All arithmetic is float32. Image tensors are NCHW, token sequences (B, L, D).</li>
 *   <li>Element-wise binary ops broadcast as NumPy does: shapes align from the right and each pair
 *       of dimensions is equal or one of them is 1.</li>
 * </ul>
 *
 * <p>Every implementation checks arguments with the same rules, {@link OpShapes} and
 * {@link LayerOpShapes}, which also settle what the method comments below leave open:
 * <ul>
 *   <li>Axes are non-negative ({@code 0 ≤ axis < rank}); there are no NumPy-style negative axes.</li>
 *   <li>reshape, permute, concat and slice move float32 and int64 tensors alike (concat parts share
 *       one element type); embedding ids are int64; every other argument is float32, including the
 *       image ops pixel (un)shuffle and replication padding.</li>
 *   <li>A tensor that does not fit is a {@link dev.wuerstchen.api.error.ShapeMismatchException}:
 *       wrong rank, dimensions or element type, and also an argument that does not fit a shape (an
 *       axis out of range, a non-permutation, an empty or out-of-range slice, heads, shuffle factor
 *       or groups not dividing a dimension, a negative padding, an output size below 1×1, an empty
 *       codebook).</li>
 *   <li>{@link IllegalArgumentException} is left for what no shape decides: an empty concat list,
 *       only one of layerNorm's gamma and beta, a transposed convolution with groups ≠ 1, a null or
 *       foreign tensor, and value checks such as embedding ids outside the table.</li>
 * </ul>
 */
public interface Ops {

    // ---------------------------------------------------------------- values

    /** A constant computed by network code (small: frequencies, masks). */
    Tensor constant(HostTensor value);

    // ---------------------------------------------------------------- element-wise

    Tensor unary(UnaryFn fn, Tensor x);

    Tensor binary(BinaryFn fn, Tensor a, Tensor b);

    /** {@code x·factor + offset}, element-wise. */
    Tensor affine(Tensor x, float factor, float offset);

    /** {@code x ≥ 0 ? x : slope·x}. */
    Tensor leakyRelu(Tensor x, float slope);

    // ---------------------------------------------------------------- structure

    /** Same elements in row-major order, another shape with the same element count. */
    Tensor reshape(Tensor x, Shape shape);

    /** Output axis {@code i} is input axis {@code axes[i]} (PyTorch {@code permute}). */
    Tensor permute(Tensor x, int... axes);

    /** Concatenation along {@code axis}; all other dimensions equal. */
    Tensor concat(int axis, List<Tensor> parts);

    /** Elements {@code [start, end)} along {@code axis}. */
    Tensor slice(Tensor x, int axis, int start, int end);

    // ---------------------------------------------------------------- linear algebra

    /**
     * {@code x·Wᵀ + b} on the last axis: x (..., in), weight (out, in), bias (out) or null.
     */
    Tensor linear(Tensor x, Tensor weight, Tensor bias);

    /** Batched matrix product (..., M, K)·(..., K, N) → (..., M, N); leading dimensions equal. */
    Tensor matmul(Tensor a, Tensor b);

    /**
     * Cross-correlation with zero padding (spec 3.1): x (B, C, H, W), weight (O, C/groups, kh, kw),
     * bias (O) or null.
     */
    Tensor conv2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams params);

    /**
     * Transposed convolution (spec 3.2): x (B, I, H, W), weight (I, O, kh, kw) (input channels
     * first), bias (O) or null; output size {@code (H−1)·s − 2p + k}. Groups must be 1.
     */
    Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams params);

    // ---------------------------------------------------------------- normalisation

    /** LayerNorm over the channel axis of NCHW, biased variance, no affine (spec 3.4). */
    Tensor layerNormChannels(Tensor x, float eps);

    /** LayerNorm over the last axis; gamma and beta (D) are both given or both null. */
    Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps);

    /**
     * Global response normalisation (spec 3.5) on x (B, H, W, C): gamma and beta have C elements
     * (any shape, e.g. (1,1,1,C)). {@code G = ‖x[b,:,:,k]‖₂}, {@code N = G/(mean_k G + eps)},
     * {@code out = gamma·(x·N) + beta + x}.
     */
    Tensor grn(Tensor x, Tensor gamma, Tensor beta, float eps);

    /** Softmax along {@code axis}. */
    Tensor softmax(Tensor x, int axis);

    // ---------------------------------------------------------------- attention

    /**
     * Multi-head scaled dot-product attention without projections (spec 3.7): q (B, Nq, C),
     * k and v (B, Nk, C); head h owns features {@code [h·d, (h+1)·d)} with {@code d = C/heads};
     * scores are scaled by {@code d^−½}; output (B, Nq, C) with heads concatenated in order.
     */
    Tensor attention(Tensor q, Tensor k, Tensor v, int heads, AttentionMask mask);

    // ---------------------------------------------------------------- images

    /** (B, C·r², H, W) → (B, C, H·r, W·r) (spec 3.6). */
    Tensor pixelShuffle(Tensor x, int r);

    /** (B, C, H, W) → (B, C·r², H/r, W/r) (spec 3.6). */
    Tensor pixelUnshuffle(Tensor x, int r);

    /** Pads H and W on both sides by repeating the edge values (NCHW). */
    Tensor replicationPad(Tensor x, int pad);

    /**
     * PyTorch {@code interpolate(mode="bicubic", antialias=True, align_corners=True)} on NCHW: the
     * separable Pillow-style kernel of spec 3.9, rows then columns.
     */
    Tensor resizeBicubicAntialias(Tensor x, int outHeight, int outWidth);

    // ---------------------------------------------------------------- lookup

    /** Rows of table (V, D) picked by int64 ids (...): output (..., D). */
    Tensor embedding(Tensor table, Tensor ids);

    /**
     * Vector quantisation: each pixel's channel vector of x (B, C, H, W) is replaced by the nearest
     * (Euclidean) row of codebook (K, C); ties go to the lowest index.
     */
    Tensor nearestCode(Tensor x, Tensor codebook);

    // ---------------------------------------------------------------- conveniences

    default Tensor add(Tensor a, Tensor b) {
        return binary(BinaryFn.ADD, a, b);
    }

    default Tensor sub(Tensor a, Tensor b) {
        return binary(BinaryFn.SUB, a, b);
    }

    default Tensor mul(Tensor a, Tensor b) {
        return binary(BinaryFn.MUL, a, b);
    }

    default Tensor div(Tensor a, Tensor b) {
        return binary(BinaryFn.DIV, a, b);
    }

    default Tensor scale(Tensor x, float factor) {
        return affine(x, factor, 0f);
    }

    default Tensor addScalar(Tensor x, float offset) {
        return affine(x, 1f, offset);
    }

    default Tensor gelu(Tensor x) {
        return unary(UnaryFn.GELU, x);
    }

    default Tensor quickGelu(Tensor x) {
        return unary(UnaryFn.QUICK_GELU, x);
    }

    default Tensor silu(Tensor x) {
        return unary(UnaryFn.SILU, x);
    }

    default Tensor sigmoid(Tensor x) {
        return unary(UnaryFn.SIGMOID, x);
    }

    default Tensor abs(Tensor x) {
        return unary(UnaryFn.ABS, x);
    }

    default Tensor sqrt(Tensor x) {
        return unary(UnaryFn.SQRT, x);
    }

    default Tensor sin(Tensor x) {
        return unary(UnaryFn.SIN, x);
    }

    default Tensor cos(Tensor x) {
        return unary(UnaryFn.COS, x);
    }

    default Tensor concat(int axis, Tensor... parts) {
        return concat(axis, List.of(parts));
    }
}
