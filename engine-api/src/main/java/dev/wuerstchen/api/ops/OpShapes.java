package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * The static shape rules of the {@link Ops} vocabulary, written once for every implementation: each
 * method checks the arguments of one op and returns the shape of its result. This class holds the
 * element-wise, structural, image and lookup ops; {@link LayerOpShapes} holds the layer ops (linear
 * algebra, convolutions, normalisations, softmax, attention, resize).
 *
 * <p>A tensor that does not fit (wrong rank, dimensions, element type, or an axis, range, factor or
 * size that does not fit its shape) is a {@link ShapeMismatchException} naming the op and the
 * shapes; the few argument errors that do not depend on shapes are {@link IllegalArgumentException}s.
 * The rules themselves are listed in the {@link Ops} Javadoc.
 *
 * <p>Only shapes and element types are read, never values, and tensors may come from any
 * implementation: callers first make sure the tensors are theirs (a foreign or null tensor is the
 * caller's {@link IllegalArgumentException}), then ask for the shape.
 */
public final class OpShapes {

    private OpShapes() {
    }

    // ---------------------------------------------------------------- element-wise

    public static Shape unary(UnaryFn fn, Tensor x) {
        requireF32("unary " + fn, "x", x);
        return x.shape();
    }

    /** NumPy broadcasting: align from the right; each pair of dimensions is equal or one is 1. */
    public static Shape binary(BinaryFn fn, Tensor a, Tensor b) {
        String op = "binary " + fn;
        requireF32(op, "a", a);
        requireF32(op, "b", b);
        Shape as = a.shape();
        Shape bs = b.shape();
        int rank = Math.max(as.rank(), bs.rank());
        int[] dims = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int da = i <= as.rank() ? as.dim(as.rank() - i) : 1;
            int db = i <= bs.rank() ? bs.dim(bs.rank() - i) : 1;
            if (da != db && da != 1 && db != 1) {
                throw new ShapeMismatchException(op, "b broadcastable to a " + as
                        + " (trailing dimensions equal or 1)", "b " + bs);
            }
            dims[rank - i] = da == 1 ? db : da;
        }
        return Shape.of(dims);
    }

    public static Shape affine(Tensor x) {
        requireF32("affine", "x", x);
        return x.shape();
    }

    public static Shape leakyRelu(Tensor x) {
        requireF32("leakyRelu", "x", x);
        return x.shape();
    }

    // ---------------------------------------------------------------- structure (any element type)

    /** Returns {@code target}, which must hold as many elements as x. */
    public static Shape reshape(Tensor x, Shape target) {
        Shape s = x.shape();
        if (target == null || target.elementCount() != s.elementCount()) {
            throw new ShapeMismatchException("reshape", "a shape with " + s.elementCount() + " elements like x " + s,
                    "target " + target);
        }
        return target;
    }

    public static Shape permute(Tensor x, int... axes) {
        Shape s = x.shape();
        boolean ok = axes != null && axes.length == s.rank();
        boolean[] seen = new boolean[s.rank()];
        for (int i = 0; ok && i < axes.length; i++) {
            ok = axes[i] >= 0 && axes[i] < s.rank() && !seen[axes[i]];
            if (ok) {
                seen[axes[i]] = true;
            }
        }
        if (!ok) {
            throw new ShapeMismatchException("permute", "a permutation of 0.." + (s.rank() - 1) + " for x " + s,
                    "axes " + Arrays.toString(axes));
        }
        int[] dims = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            dims[i] = s.dim(axes[i]);
        }
        return Shape.of(dims);
    }

    /** All parts of one element type and equal except on {@code axis}. */
    public static Shape concat(int axis, List<? extends Tensor> parts) {
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("concat: no tensors given. Pass at least one tensor.");
        }
        Tensor first = parts.getFirst();
        Shape s0 = first.shape();
        checkAxis("concat", s0, axis);
        int total = 0;
        for (Tensor p : parts) {
            Shape s = p.shape();
            if (s.rank() != s0.rank() || !s.withDim(axis, 0).equals(s0.withDim(axis, 0)) || p.dtype() != first.dtype()) {
                throw new ShapeMismatchException("concat", "a " + first.dtype() + " tensor equal to " + s0
                        + " except on axis " + axis, s + " " + p.dtype());
            }
            total += s.dim(axis);
        }
        return s0.withDim(axis, total);
    }

    /** A non-empty range {@code [start, end)} inside the axis. */
    public static Shape slice(Tensor x, int axis, int start, int end) {
        Shape s = x.shape();
        checkAxis("slice", s, axis);
        if (start < 0 || end > s.dim(axis) || start >= end) {
            throw new ShapeMismatchException("slice", "a non-empty range inside [0, " + s.dim(axis) + ") on axis "
                    + axis + " of x " + s, "[" + start + ", " + end + ")");
        }
        return s.withDim(axis, end - start);
    }

    // ---------------------------------------------------------------- images (float32 NCHW)

    public static Shape pixelShuffle(Tensor x, int r) {
        requireF32("pixelShuffle", "x", x);
        Shape s = x.shape();
        if (r < 1 || s.rank() != 4 || s.dim(1) % (r * r) != 0) {
            throw new ShapeMismatchException("pixelShuffle", "x (B, C·r², H, W) with r = " + r, "x " + s);
        }
        return Shape.of(s.dim(0), s.dim(1) / (r * r), s.dim(2) * r, s.dim(3) * r);
    }

    public static Shape pixelUnshuffle(Tensor x, int r) {
        requireF32("pixelUnshuffle", "x", x);
        Shape s = x.shape();
        if (r < 1 || s.rank() != 4 || s.dim(2) % r != 0 || s.dim(3) % r != 0) {
            throw new ShapeMismatchException("pixelUnshuffle", "x (B, C, H, W) with H and W divisible by r = " + r,
                    "x " + s);
        }
        return Shape.of(s.dim(0), s.dim(1) * r * r, s.dim(2) / r, s.dim(3) / r);
    }

    public static Shape replicationPad(Tensor x, int pad) {
        requireF32("replicationPad", "x", x);
        Shape s = x.shape();
        if (pad < 0 || s.rank() != 4 || s.dim(2) < 1 || s.dim(3) < 1) {
            throw new ShapeMismatchException("replicationPad", "x (B, C, H, W) with H, W ≥ 1 and pad ≥ 0",
                    "x " + s + ", pad " + pad);
        }
        return Shape.of(s.dim(0), s.dim(1), s.dim(2) + 2 * pad, s.dim(3) + 2 * pad);
    }

    // ---------------------------------------------------------------- lookup

    /** table (V, D) float32, ids (...) int64 → (..., D). Whether the ids lie in [0, V) is a value check. */
    public static Shape embedding(Tensor table, Tensor ids) {
        requireF32("embedding", "table", table);
        Shape ts = table.shape();
        if (ts.rank() != 2) {
            throw new ShapeMismatchException("embedding", "table (V, D)", "table " + ts);
        }
        if (ids.dtype() != DType.I64) {
            throw new ShapeMismatchException("embedding", "int64 ids", "ids " + ids.shape() + " of " + ids.dtype());
        }
        int[] dims = Arrays.copyOf(ids.shape().dims(), ids.shape().rank() + 1);
        dims[dims.length - 1] = ts.dim(1);
        return Shape.of(dims);
    }

    /** x (B, C, H, W), codebook (K, C) with K ≥ 1 → x's shape. */
    public static Shape nearestCode(Tensor x, Tensor codebook) {
        requireF32("nearestCode", "x", x);
        requireF32("nearestCode", "codebook", codebook);
        Shape s = x.shape();
        Shape cs = codebook.shape();
        if (s.rank() != 4) {
            throw new ShapeMismatchException("nearestCode", "x (B, C, H, W)", "x " + s);
        }
        if (cs.rank() != 2 || cs.dim(1) != s.dim(1) || cs.dim(0) < 1) {
            throw new ShapeMismatchException("nearestCode", "codebook (K, " + s.dim(1) + ") with K ≥ 1 for x " + s,
                    "codebook " + cs);
        }
        return s;
    }

    // ---------------------------------------------------------------- shared checks

    /** Requires float32 values: every op except the structural ones and embedding ids computes on float32. */
    static void requireF32(String op, String name, Tensor t) {
        if (t.dtype() != DType.F32) {
            throw new ShapeMismatchException(op, name + " of float32", name + " " + t.shape() + " of " + t.dtype());
        }
    }

    /** Axes are non-negative: the Ops contract does not promise NumPy-style negative axes. */
    static void checkAxis(String op, Shape s, int axis) {
        if (axis < 0 || axis >= s.rank()) {
            throw new ShapeMismatchException(op, "an axis in [0, " + s.rank() + ") of x " + s, "axis " + axis);
        }
    }
}
