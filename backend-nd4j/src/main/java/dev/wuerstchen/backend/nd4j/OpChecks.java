package dev.wuerstchen.backend.nd4j;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.ops.AttentionMask;
import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.api.tensor.Shape;

/** Shape checks on op entry; every failure names the op and the shapes involved. */
final class OpChecks {

    private OpChecks() {
    }

    static void rank(String op, int rank, Shape s) {
        if (s.rank() != rank) {
            throw new ShapeMismatchException(op, "a rank-" + rank + " tensor", s.toString());
        }
    }

    /** Resolves a possibly negative axis. */
    static int axis(String op, int axis, Shape s) {
        int a = axis < 0 ? axis + s.rank() : axis;
        if (a < 0 || a >= s.rank()) {
            throw new ShapeMismatchException(op, "an axis in [" + -s.rank() + ", " + s.rank() + ") for " + s, "axis " + axis);
        }
        return a;
    }

    static void linear(Shape x, Shape w, Shape bias) {
        if (w.rank() != 2 || x.rank() < 1 || x.dim(-1) != w.dim(1)) {
            throw new ShapeMismatchException("linear", "input (..., in) and weight (out, in), input " + x, "weight " + w);
        }
        if (bias != null && !bias.equals(Shape.of(w.dim(0)))) {
            throw new ShapeMismatchException("linear", "bias (" + w.dim(0) + ") for weight " + w, "bias " + bias);
        }
    }

    static void matmul(Shape a, Shape b) {
        boolean ok = a.rank() >= 2 && a.rank() == b.rank() && a.dim(-1) == b.dim(-2);
        for (int i = 0; ok && i < a.rank() - 2; i++) {
            ok = a.dim(i) == b.dim(i);
        }
        if (!ok) {
            throw new ShapeMismatchException("matmul", "(..., M, K)·(..., K, N) with equal leading dimensions, first " + a,
                    "second " + b);
        }
    }

    static void conv2d(Shape x, Shape w, Shape bias, Conv2dParams p) {
        rank("conv2d input", 4, x);
        rank("conv2d weight", 4, w);
        int g = p.groups();
        if (x.dim(1) != w.dim(1) * g || w.dim(0) % g != 0) {
            throw new ShapeMismatchException("conv2d", "weight (O, C/" + g + ", kh, kw) with O divisible by " + g
                    + " for input " + x, "weight " + w);
        }
        requireBias("conv2d", bias, w.dim(0), w);
        if (x.dim(2) + 2 * p.padding() < w.dim(2) || x.dim(3) + 2 * p.padding() < w.dim(3)) {
            throw new ShapeMismatchException("conv2d", "a padded input at least as large as the kernel of " + w
                    + " (padding " + p.padding() + ")", "input " + x);
        }
    }

    static void convTranspose2d(Shape x, Shape w, Shape bias, Conv2dParams p) {
        if (p.groups() != 1) {
            throw new IllegalArgumentException("convTranspose2d: groups = " + p.groups() + " is not supported. Use groups = 1");
        }
        rank("convTranspose2d input", 4, x);
        rank("convTranspose2d weight", 4, w);
        if (x.dim(1) != w.dim(0)) {
            throw new ShapeMismatchException("convTranspose2d", "weight (" + x.dim(1) + ", O, kh, kw) (input channels first) for input "
                    + x, "weight " + w);
        }
        requireBias("convTranspose2d", bias, w.dim(1), w);
        long h = (long) (x.dim(2) - 1) * p.stride() - 2L * p.padding() + w.dim(2);
        long wd = (long) (x.dim(3) - 1) * p.stride() - 2L * p.padding() + w.dim(3);
        if (h < 1 || wd < 1) {
            throw new ShapeMismatchException("convTranspose2d", "a positive output size for input " + x + ", weight " + w
                    + ", stride " + p.stride() + ", padding " + p.padding(), h + "×" + wd);
        }
    }

    private static void requireBias(String op, Shape bias, int channels, Shape weight) {
        if (bias != null && !bias.equals(Shape.of(channels))) {
            throw new ShapeMismatchException(op, "bias (" + channels + ") for weight " + weight, "bias " + bias);
        }
    }

    static void layerNorm(Shape x, Shape gamma, Shape beta) {
        if (x.rank() < 1) {
            throw new ShapeMismatchException("layerNorm", "a tensor of rank ≥ 1", x.toString());
        }
        if ((gamma == null) != (beta == null)) {
            throw new IllegalArgumentException("layerNorm: gamma and beta must be both given or both null, got gamma "
                    + gamma + " and beta " + beta);
        }
        Shape d = Shape.of(x.dim(-1));
        if (gamma != null && (!gamma.equals(d) || !beta.equals(d))) {
            throw new ShapeMismatchException("layerNorm", "gamma and beta " + d + " for input " + x,
                    "gamma " + gamma + ", beta " + beta);
        }
    }

    static void grn(Shape x, Shape gamma, Shape beta) {
        rank("grn", 4, x);
        long c = x.dim(3);
        if (gamma.elementCount() != c || beta.elementCount() != c) {
            throw new ShapeMismatchException("grn", "gamma and beta with " + c + " elements for input (B, H, W, C) " + x,
                    "gamma " + gamma + ", beta " + beta);
        }
    }

    static void attention(Shape q, Shape k, Shape v, int heads, AttentionMask mask) {
        rank("attention q", 3, q);
        rank("attention k", 3, k);
        if (!k.equals(v) || k.dim(0) != q.dim(0) || k.dim(2) != q.dim(2)) {
            throw new ShapeMismatchException("attention", "k and v (" + q.dim(0) + ", Nk, " + q.dim(2) + ") for q " + q,
                    "k " + k + ", v " + v);
        }
        if (heads < 1 || q.dim(2) % heads != 0) {
            throw new ShapeMismatchException("attention", "a feature size divisible by " + heads + " heads", "q " + q);
        }
        if (mask instanceof AttentionMask.Causal(var padding) && padding != null
                && !padding.shape().equals(Shape.of(q.dim(0), k.dim(1)))) {
            throw new ShapeMismatchException("attention", "key padding " + Shape.of(q.dim(0), k.dim(1)) + " for k " + k,
                    "key padding " + padding.shape());
        }
    }

    static void pixelShuffle(Shape x, int r) {
        rank("pixelShuffle", 4, x);
        if (r < 1 || x.dim(1) % (r * r) != 0) {
            throw new ShapeMismatchException("pixelShuffle", "channels divisible by r² = " + r * r, x.toString());
        }
    }

    static void pixelUnshuffle(Shape x, int r) {
        rank("pixelUnshuffle", 4, x);
        if (r < 1 || x.dim(2) % r != 0 || x.dim(3) % r != 0) {
            throw new ShapeMismatchException("pixelUnshuffle", "height and width divisible by r = " + r, x.toString());
        }
    }
}
