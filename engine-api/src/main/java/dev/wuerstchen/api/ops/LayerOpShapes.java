package dev.wuerstchen.api.ops;

import static dev.wuerstchen.api.ops.OpShapes.requireF32;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Objects;

/**
 * The static shape rules of the layer ops (linear algebra, convolutions, normalisations, softmax,
 * attention, resize): each checks the arguments of one op as {@link OpShapes} describes and returns
 * the shape of its result. Every argument is float32.
 */
public final class LayerOpShapes {

    private LayerOpShapes() {
    }

    // ---------------------------------------------------------------- linear algebra

    /** x (..., in), weight (out, in), bias (out) or null → (..., out). */
    public static Shape linear(Tensor x, Tensor weight, Tensor bias) {
        requireF32("linear", "x", x);
        requireF32("linear", "weight", weight);
        Shape xs = x.shape();
        Shape ws = weight.shape();
        if (xs.rank() < 1 || ws.rank() != 2 || ws.dim(1) != xs.dim(-1)) {
            throw new ShapeMismatchException("linear", "weight (out, " + (xs.rank() < 1 ? "in" : xs.dim(-1))
                    + ") for x " + xs, "weight " + ws);
        }
        checkBias("linear", bias, ws.dim(0), ws);
        return xs.withDim(-1, ws.dim(0));
    }

    /** (..., M, K)·(..., K, N) → (..., M, N); equal ranks and leading dimensions (no broadcasting). */
    public static Shape matmul(Tensor a, Tensor b) {
        requireF32("matmul", "a", a);
        requireF32("matmul", "b", b);
        Shape as = a.shape();
        Shape bs = b.shape();
        int rank = as.rank();
        boolean ok = rank >= 2 && bs.rank() == rank && as.dim(-1) == bs.dim(-2)
                && as.withDim(-1, 0).withDim(-2, 0).equals(bs.withDim(-1, 0).withDim(-2, 0));
        if (!ok) {
            throw new ShapeMismatchException("matmul", "b (..., K, N) with the leading dimensions and K of a " + as,
                    "b " + bs);
        }
        return as.withDim(-1, bs.dim(-1));
    }

    // ---------------------------------------------------------------- convolutions

    /** x (B, C, H, W), weight (O, C/groups, kh, kw) with O divisible by groups, bias (O) or null. */
    public static Shape conv2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams params) {
        Objects.requireNonNull(params, "conv2d params");
        requireF32("conv2d", "x", x);
        requireF32("conv2d", "weight", weight);
        Shape xs = x.shape();
        Shape ws = weight.shape();
        int g = params.groups();
        if (xs.rank() != 4) {
            throw new ShapeMismatchException("conv2d", "x (B, C, H, W)", "x " + xs);
        }
        int c = xs.dim(1);
        if (ws.rank() != 4 || c % g != 0 || ws.dim(0) % g != 0 || ws.dim(1) != c / g) {
            throw new ShapeMismatchException("conv2d", "weight (O, C/groups, kh, kw) with O divisible by " + g
                    + " groups for x " + xs, "weight " + ws);
        }
        int s = params.stride();
        int p = params.padding();
        int oh = Math.floorDiv(xs.dim(2) + 2 * p - ws.dim(2), s) + 1;
        int ow = Math.floorDiv(xs.dim(3) + 2 * p - ws.dim(3), s) + 1;
        if (oh < 1 || ow < 1) {
            throw new ShapeMismatchException("conv2d", "a kernel no larger than the padded input of x " + xs
                    + " (padding " + p + ")", "weight " + ws);
        }
        checkBias("conv2d", bias, ws.dim(0), ws);
        return Shape.of(xs.dim(0), ws.dim(0), oh, ow);
    }

    /** x (B, I, H, W), weight (I, O, kh, kw), bias (O) or null; groups must be 1. */
    public static Shape convTranspose2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams params) {
        Objects.requireNonNull(params, "convTranspose2d params");
        if (params.groups() != 1) {
            throw new IllegalArgumentException("convTranspose2d: groups = " + params.groups()
                    + " is not supported. Use groups = 1 (the only form in the Würstchen networks).");
        }
        requireF32("convTranspose2d", "x", x);
        requireF32("convTranspose2d", "weight", weight);
        Shape xs = x.shape();
        Shape ws = weight.shape();
        if (xs.rank() != 4) {
            throw new ShapeMismatchException("convTranspose2d", "x (B, I, H, W)", "x " + xs);
        }
        if (ws.rank() != 4 || ws.dim(0) != xs.dim(1)) {
            throw new ShapeMismatchException("convTranspose2d", "weight (" + xs.dim(1) + ", O, kh, kw) for x " + xs,
                    "weight " + ws);
        }
        int s = params.stride();
        int p = params.padding();
        // long: a large stride must not wrap around into a plausible size
        long oh = (long) (xs.dim(2) - 1) * s - 2L * p + ws.dim(2);
        long ow = (long) (xs.dim(3) - 1) * s - 2L * p + ws.dim(3);
        if (oh < 1 || ow < 1 || oh > Integer.MAX_VALUE || ow > Integer.MAX_VALUE) {
            throw new ShapeMismatchException("convTranspose2d", "an output of at least 1×1 for x " + xs
                    + " (stride " + s + ", padding " + p + ")", "weight " + ws);
        }
        checkBias("convTranspose2d", bias, ws.dim(1), ws);
        return Shape.of(xs.dim(0), ws.dim(1), (int) oh, (int) ow);
    }

    private static void checkBias(String op, Tensor bias, int channels, Shape weightShape) {
        if (bias == null) {
            return;
        }
        requireF32(op, "bias", bias);
        if (!bias.shape().equals(Shape.of(channels))) {
            throw new ShapeMismatchException(op, "bias (" + channels + ") for weight " + weightShape,
                    "bias " + bias.shape());
        }
    }

    // ---------------------------------------------------------------- normalisation

    public static Shape layerNormChannels(Tensor x) {
        requireF32("layerNormChannels", "x", x);
        if (x.shape().rank() != 4) {
            throw new ShapeMismatchException("layerNormChannels", "x (B, C, H, W)", "x " + x.shape());
        }
        return x.shape();
    }

    /** x (..., D); gamma and beta (D), both given or both null. */
    public static Shape layerNorm(Tensor x, Tensor gamma, Tensor beta) {
        requireF32("layerNorm", "x", x);
        Shape s = x.shape();
        if (s.rank() < 1) {
            throw new ShapeMismatchException("layerNorm", "x (..., D)", "x " + s);
        }
        if ((gamma == null) != (beta == null)) {
            throw new IllegalArgumentException("layerNorm: only one of gamma and beta is given. "
                    + "Pass both (affine) or neither.");
        }
        if (gamma != null) {
            requireF32("layerNorm", "gamma", gamma);
            requireF32("layerNorm", "beta", beta);
            Shape d = Shape.of(s.dim(-1));
            if (!gamma.shape().equals(d) || !beta.shape().equals(d)) {
                throw new ShapeMismatchException("layerNorm", "gamma and beta " + d + " for x " + s,
                        "gamma " + gamma.shape() + ", beta " + beta.shape());
            }
        }
        return s;
    }

    /** x (B, H, W, C); gamma and beta with C elements in any shape. */
    public static Shape grn(Tensor x, Tensor gamma, Tensor beta) {
        requireF32("grn", "x", x);
        requireF32("grn", "gamma", gamma);
        requireF32("grn", "beta", beta);
        Shape s = x.shape();
        if (s.rank() != 4) {
            throw new ShapeMismatchException("grn", "x (B, H, W, C)", "x " + s);
        }
        int c = s.dim(3);
        if (gamma.shape().elementCount() != c || beta.shape().elementCount() != c) {
            throw new ShapeMismatchException("grn", "gamma and beta with " + c + " elements for x " + s,
                    "gamma " + gamma.shape() + ", beta " + beta.shape());
        }
        return s;
    }

    public static Shape softmax(Tensor x, int axis) {
        requireF32("softmax", "x", x);
        OpShapes.checkAxis("softmax", x.shape(), axis);
        return x.shape();
    }

    // ---------------------------------------------------------------- attention

    /**
     * q (B, Nq, C) with C divisible by heads, k and v (B, Nk, C), a causal mask's keyPadding (B, Nk)
     * or null → (B, Nq, C). Whether keyPadding holds only 0 and 1 is a value check.
     */
    public static Shape attention(Tensor q, Tensor k, Tensor v, int heads, AttentionMask mask) {
        Objects.requireNonNull(mask, "attention mask");
        requireF32("attention", "q", q);
        requireF32("attention", "k", k);
        requireF32("attention", "v", v);
        Shape qs = q.shape();
        Shape ks = k.shape();
        if (qs.rank() != 3 || heads < 1 || qs.dim(2) % heads != 0) {
            throw new ShapeMismatchException("attention", "q (B, Nq, C) with C divisible by " + heads + " heads",
                    "q " + qs);
        }
        if (ks.rank() != 3 || ks.dim(0) != qs.dim(0) || ks.dim(2) != qs.dim(2)) {
            throw new ShapeMismatchException("attention", "k (" + qs.dim(0) + ", Nk, " + qs.dim(2) + ") for q " + qs,
                    "k " + ks);
        }
        if (!v.shape().equals(ks)) {
            throw new ShapeMismatchException("attention", "v equal in shape to k " + ks, "v " + v.shape());
        }
        if (mask instanceof AttentionMask.Causal(Tensor keyPadding) && keyPadding != null) {
            requireF32("attention", "keyPadding", keyPadding);
            if (!keyPadding.shape().equals(Shape.of(qs.dim(0), ks.dim(1)))) {
                throw new ShapeMismatchException("attention", "keyPadding (" + qs.dim(0) + ", " + ks.dim(1)
                        + ") = (B, Nk)", "keyPadding " + keyPadding.shape());
            }
        }
        return qs;
    }

    // ---------------------------------------------------------------- images

    /** x (B, C, H, W) with H, W ≥ 1 → (B, C, outHeight, outWidth), both at least 1. */
    public static Shape resizeBicubicAntialias(Tensor x, int outHeight, int outWidth) {
        requireF32("resizeBicubicAntialias", "x", x);
        Shape s = x.shape();
        if (s.rank() != 4 || s.dim(2) < 1 || s.dim(3) < 1 || outHeight < 1 || outWidth < 1) {
            throw new ShapeMismatchException("resizeBicubicAntialias",
                    "x (B, C, H, W) with H, W ≥ 1 and an output size of at least 1×1",
                    "x " + s + " → " + outHeight + "×" + outWidth);
        }
        return Shape.of(s.dim(0), s.dim(1), outHeight, outWidth);
    }
}
