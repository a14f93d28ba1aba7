package dev.wuerstchen.graph;

import static dev.wuerstchen.graph.ShapeRules.f32;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Objects;

/**
 * Static shape rules of the layer ops (linear algebra, convolutions, normalisations, attention,
 * resize), checked as the reference ops check them.
 */
final class LayerShapeRules {

    private LayerShapeRules() {
    }

    static Shape linear(Value x, Value weight, Value bias) {
        f32("linear", "x", x);
        f32("linear", "weight", weight);
        Shape xs = x.shape();
        Shape ws = weight.shape();
        if (xs.rank() < 1 || ws.rank() != 2 || ws.dim(1) != xs.dim(-1)) {
            throw new ShapeMismatchException("linear", "weight (out, " + (xs.rank() < 1 ? "in" : xs.dim(-1))
                    + ") for x " + xs, "weight " + ws);
        }
        if (bias != null) {
            f32("linear", "bias", bias);
            if (!bias.shape().equals(Shape.of(ws.dim(0)))) {
                throw new ShapeMismatchException("linear", "bias (" + ws.dim(0) + ") for weight " + ws,
                        "bias " + bias.shape());
            }
        }
        return xs.withDim(-1, ws.dim(0));
    }

    static Shape matmul(Value a, Value b) {
        f32("matmul", "a", a);
        f32("matmul", "b", b);
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

    static Shape conv2d(Value x, Value weight, Value bias, Conv2dParams params) {
        Objects.requireNonNull(params, "conv2d params");
        f32("conv2d", "x", x);
        f32("conv2d", "weight", weight);
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

    static Shape convTranspose2d(Value x, Value weight, Value bias, Conv2dParams params) {
        Objects.requireNonNull(params, "convTranspose2d params");
        if (params.groups() != 1) {
            throw new IllegalArgumentException("convTranspose2d: groups = " + params.groups()
                    + " is not supported. Use groups = 1 (the only form in the Würstchen networks).");
        }
        f32("convTranspose2d", "x", x);
        f32("convTranspose2d", "weight", weight);
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
        int oh = (xs.dim(2) - 1) * s - 2 * p + ws.dim(2);
        int ow = (xs.dim(3) - 1) * s - 2 * p + ws.dim(3);
        if (oh < 1 || ow < 1) {
            throw new ShapeMismatchException("convTranspose2d", "an output of at least 1×1 for x " + xs
                    + " (stride " + s + ", padding " + p + ")", "weight " + ws);
        }
        checkBias("convTranspose2d", bias, ws.dim(1), ws);
        return Shape.of(xs.dim(0), ws.dim(1), oh, ow);
    }

    private static void checkBias(String op, Value bias, int channels, Shape weightShape) {
        if (bias == null) {
            return;
        }
        f32(op, "bias", bias);
        if (!bias.shape().equals(Shape.of(channels))) {
            throw new ShapeMismatchException(op, "bias (" + channels + ") for weight " + weightShape,
                    "bias " + bias.shape());
        }
    }

    static Shape layerNormChannels(Value x) {
        f32("layerNormChannels", "x", x);
        if (x.shape().rank() != 4) {
            throw new ShapeMismatchException("layerNormChannels", "x (B, C, H, W)", "x " + x.shape());
        }
        return x.shape();
    }

    static Shape layerNorm(Value x, Value gamma, Value beta) {
        f32("layerNorm", "x", x);
        Shape s = x.shape();
        if (s.rank() < 1) {
            throw new ShapeMismatchException("layerNorm", "x (..., D)", "x " + s);
        }
        if ((gamma == null) != (beta == null)) {
            throw new IllegalArgumentException("layerNorm: only one of gamma and beta is given. "
                    + "Pass both (affine) or neither.");
        }
        if (gamma != null) {
            f32("layerNorm", "gamma", gamma);
            f32("layerNorm", "beta", beta);
            Shape d = Shape.of(s.dim(-1));
            if (!gamma.shape().equals(d) || !beta.shape().equals(d)) {
                throw new ShapeMismatchException("layerNorm", "gamma and beta " + d + " for x " + s,
                        "gamma " + gamma.shape() + ", beta " + beta.shape());
            }
        }
        return s;
    }

    static Shape grn(Value x, Value gamma, Value beta) {
        f32("grn", "x", x);
        f32("grn", "gamma", gamma);
        f32("grn", "beta", beta);
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

    static Shape softmax(Value x, int axis) {
        f32("softmax", "x", x);
        ShapeRules.checkAxis("softmax", x.shape(), axis);
        return x.shape();
    }

    static Shape attention(Value q, Value k, Value v, int heads, Value keyPadding) {
        f32("attention", "q", q);
        f32("attention", "k", k);
        f32("attention", "v", v);
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
        if (keyPadding != null) {
            f32("attention", "keyPadding", keyPadding);
            if (!keyPadding.shape().equals(Shape.of(qs.dim(0), ks.dim(1)))) {
                throw new ShapeMismatchException("attention", "keyPadding (" + qs.dim(0) + ", " + ks.dim(1)
                        + ") = (B, Nk)", "keyPadding " + keyPadding.shape());
            }
        }
        return qs;
    }

    static Shape resizeBicubicAntialias(Value x, int outHeight, int outWidth) {
        f32("resizeBicubicAntialias", "x", x);
        Shape s = x.shape();
        if (s.rank() != 4 || s.dim(2) < 1 || s.dim(3) < 1 || outHeight < 1 || outWidth < 1) {
            throw new ShapeMismatchException("resizeBicubicAntialias",
                    "x (B, C, H, W) with H, W ≥ 1 and an output size of at least 1×1",
                    "x " + s + " → " + outHeight + "×" + outWidth);
        }
        return Shape.of(s.dim(0), s.dim(1), outHeight, outWidth);
    }
}
