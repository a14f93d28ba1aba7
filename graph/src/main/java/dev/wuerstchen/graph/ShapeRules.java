package dev.wuerstchen.graph;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.ops.BinaryFn;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Static shape rules of the element-wise, structural and lookup ops: each checks its arguments as the
 * reference ops do (a {@link ShapeMismatchException} naming the op and the shapes) and returns the
 * result shape. {@link LayerShapeRules} holds the layer ops.
 */
final class ShapeRules {

    private ShapeRules() {
    }

    /** Requires float32 values (every op except the structural ones and embedding ids). */
    static void f32(String op, String name, Value v) {
        if (v.dtype() != DType.F32) {
            throw new ShapeMismatchException(op, name + " of float32", name + " " + v.shape() + " of " + v.dtype());
        }
    }

    /** NumPy broadcasting: align from the right; each pair of dimensions is equal or one is 1. */
    static Shape broadcast(BinaryFn fn, Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] dims = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int da = i <= a.rank() ? a.dim(a.rank() - i) : 1;
            int db = i <= b.rank() ? b.dim(b.rank() - i) : 1;
            if (da != db && da != 1 && db != 1) {
                throw new ShapeMismatchException("binary " + fn, "b broadcastable to a " + a
                        + " (trailing dimensions equal or 1)", "b " + b);
            }
            dims[rank - i] = da == 1 ? db : da;
        }
        return Shape.of(dims);
    }

    static void reshape(Shape x, Shape target) {
        if (target == null || target.elementCount() != x.elementCount()) {
            throw new ShapeMismatchException("reshape", "a shape with " + x.elementCount() + " elements like x " + x,
                    "target " + target);
        }
    }

    static Shape permute(Shape x, int[] axes) {
        boolean ok = axes != null && axes.length == x.rank();
        boolean[] seen = new boolean[x.rank()];
        for (int i = 0; ok && i < axes.length; i++) {
            ok = axes[i] >= 0 && axes[i] < x.rank() && !seen[axes[i]];
            if (ok) {
                seen[axes[i]] = true;
            }
        }
        if (!ok) {
            throw new ShapeMismatchException("permute", "a permutation of 0.." + (x.rank() - 1) + " for x " + x,
                    "axes " + Arrays.toString(axes));
        }
        int[] dims = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            dims[i] = x.dim(axes[i]);
        }
        return Shape.of(dims);
    }

    static Shape concat(int axis, List<Value> parts) {
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("concat: no tensors given. Pass at least one tensor.");
        }
        Value first = parts.getFirst();
        Shape s0 = first.shape();
        checkAxis("concat", s0, axis);
        int total = 0;
        for (Value p : parts) {
            Shape s = p.shape();
            if (s.rank() != s0.rank() || !s.withDim(axis, 0).equals(s0.withDim(axis, 0)) || p.dtype() != first.dtype()) {
                throw new ShapeMismatchException("concat", "a " + first.dtype() + " tensor equal to " + s0
                        + " except on axis " + axis, s + " " + p.dtype());
            }
            total += s.dim(axis);
        }
        return s0.withDim(axis, total);
    }

    static Shape slice(Shape x, int axis, int start, int end) {
        checkAxis("slice", x, axis);
        if (start < 0 || end > x.dim(axis) || start >= end) {
            throw new ShapeMismatchException("slice", "a non-empty range inside [0, " + x.dim(axis) + ") on axis "
                    + axis + " of x " + x, "[" + start + ", " + end + ")");
        }
        return x.withDim(axis, end - start);
    }

    static Shape pixelShuffle(Shape x, int r) {
        if (r < 1 || x.rank() != 4 || x.dim(1) % (r * r) != 0) {
            throw new ShapeMismatchException("pixelShuffle", "x (B, C·r², H, W) with r = " + r, "x " + x);
        }
        return Shape.of(x.dim(0), x.dim(1) / (r * r), x.dim(2) * r, x.dim(3) * r);
    }

    static Shape pixelUnshuffle(Shape x, int r) {
        if (r < 1 || x.rank() != 4 || x.dim(2) % r != 0 || x.dim(3) % r != 0) {
            throw new ShapeMismatchException("pixelUnshuffle", "x (B, C, H, W) with H and W divisible by r = " + r,
                    "x " + x);
        }
        return Shape.of(x.dim(0), x.dim(1) * r * r, x.dim(2) / r, x.dim(3) / r);
    }

    static Shape replicationPad(Shape x, int pad) {
        if (pad < 0 || x.rank() != 4 || x.dim(2) < 1 || x.dim(3) < 1) {
            throw new ShapeMismatchException("replicationPad", "x (B, C, H, W) with H, W ≥ 1 and pad ≥ 0",
                    "x " + x + ", pad " + pad);
        }
        return Shape.of(x.dim(0), x.dim(1), x.dim(2) + 2 * pad, x.dim(3) + 2 * pad);
    }

    static Shape embedding(Value table, Value ids) {
        f32("embedding", "table", table);
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

    static Shape nearestCode(Value x, Value codebook) {
        f32("nearestCode", "x", x);
        f32("nearestCode", "codebook", codebook);
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

    /** Axes are non-negative: the Ops contract does not promise NumPy-style negative axes. */
    static void checkAxis(String op, Shape s, int axis) {
        if (axis < 0 || axis >= s.rank()) {
            throw new ShapeMismatchException(op, "an axis in [0, " + s.rank() + ") of x " + s, "axis " + axis);
        }
    }
}
