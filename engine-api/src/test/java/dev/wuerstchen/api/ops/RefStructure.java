package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Reference ops that only move elements (any dtype): reshape, permute, concat, slice, pixel
 * (un)shuffle, replication padding. Each builds a source-index map and gathers through it.
 */
final class RefStructure {

    private RefStructure() {
    }

    static RefTensor reshape(Tensor x, Shape shape) {
        RefTensor a = RefTensor.cast("reshape", x);
        if (shape == null || shape.elementCount() != a.shape().elementCount()) {
            throw new ShapeMismatchException("reshape", "a shape with " + a.shape().elementCount()
                    + " elements like x " + a.shape(), "target " + shape);
        }
        int[] src = new int[a.size()];
        Arrays.setAll(src, i -> i);
        return a.gather(shape, src);
    }

    static RefTensor permute(Tensor x, int... axes) {
        RefTensor a = RefTensor.cast("permute", x);
        Shape in = a.shape();
        if (!isPermutation(axes, in.rank())) {
            throw new ShapeMismatchException("permute", "a permutation of 0.." + (in.rank() - 1)
                    + " for x " + in, "axes " + Arrays.toString(axes));
        }
        int[] outDims = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            outDims[i] = in.dim(axes[i]);
        }
        long[] inStrides = in.strides();
        int[] src = new int[a.size()];
        int[] pos = new int[axes.length];
        for (int i = 0; i < src.length; i++) {
            long at = 0;
            for (int d = 0; d < axes.length; d++) {
                at += pos[d] * inStrides[axes[d]];
            }
            src[i] = (int) at;
            RefElementwise.increment(pos, outDims);
        }
        return a.gather(Shape.of(outDims), src);
    }

    private static boolean isPermutation(int[] axes, int rank) {
        if (axes == null || axes.length != rank) {
            return false;
        }
        boolean[] seen = new boolean[rank];
        for (int ax : axes) {
            if (ax < 0 || ax >= rank || seen[ax]) {
                return false;
            }
            seen[ax] = true;
        }
        return true;
    }

    static RefTensor concat(int axis, List<Tensor> parts) {
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("concat: no tensors given. Pass at least one tensor.");
        }
        RefTensor first = RefTensor.cast("concat", parts.getFirst());
        Shape s0 = first.shape();
        checkAxis("concat", s0, axis);
        int total = 0;
        for (Tensor t : parts) {
            RefTensor p = RefTensor.cast("concat", t);
            Shape s = p.shape();
            if (s.rank() != s0.rank() || !s.withDim(axis, 0).equals(s0.withDim(axis, 0))
                    || p.dtype() != first.dtype()) {
                throw new ShapeMismatchException("concat", "a " + first.dtype() + " tensor equal to "
                        + s0 + " except on axis " + axis, s + " " + p.dtype());
            }
            total += s.dim(axis);
        }
        Shape out = s0.withDim(axis, total);
        int outer = product(s0, 0, axis);
        int inner = product(s0, axis + 1, s0.rank());
        // Concatenation as a gather over the virtual stacked source "part p, flat index i".
        int[] partOf = new int[out.size()];
        int[] src = new int[out.size()];
        int at = 0;
        for (int o = 0; o < outer; o++) {
            for (int p = 0; p < parts.size(); p++) {
                int block = parts.get(p).shape().dim(axis) * inner;
                for (int i = 0; i < block; i++) {
                    partOf[at] = p;
                    src[at++] = o * block + i;
                }
            }
        }
        return gatherParts(out, parts, partOf, src, first.dtype());
    }

    private static RefTensor gatherParts(Shape out, List<Tensor> parts, int[] partOf, int[] src, DType dtype) {
        if (dtype == DType.I64) {
            long[] v = new long[src.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = ((RefTensor) parts.get(partOf[i])).getLong(src[i]);
            }
            return RefTensor.longs(out, v);
        }
        float[] v = new float[src.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((RefTensor) parts.get(partOf[i])).get(src[i]);
        }
        return RefTensor.floats(out, v);
    }

    static RefTensor slice(Tensor x, int axis, int start, int end) {
        RefTensor a = RefTensor.cast("slice", x);
        Shape in = a.shape();
        checkAxis("slice", in, axis);
        if (start < 0 || end > in.dim(axis) || start >= end) {
            throw new ShapeMismatchException("slice", "a non-empty range inside [0, " + in.dim(axis)
                    + ") on axis " + axis + " of x " + in, "[" + start + ", " + end + ")");
        }
        Shape out = in.withDim(axis, end - start);
        int outer = product(in, 0, axis);
        int inner = product(in, axis + 1, in.rank());
        int[] src = new int[out.size()];
        int at = 0;
        for (int o = 0; o < outer; o++) {
            for (int k = start; k < end; k++) {
                for (int i = 0; i < inner; i++) {
                    src[at++] = (o * in.dim(axis) + k) * inner + i;
                }
            }
        }
        return a.gather(out, src);
    }

    /** Spec 3.6: out[b, c, h·r+i, w·r+j] = in[b, c·r²+i·r+j, h, w]. */
    static RefTensor pixelShuffle(Tensor x, int r) {
        RefTensor a = RefTensor.cast("pixelShuffle", x);
        Shape in = a.shape();
        if (r < 1 || in.rank() != 4 || in.dim(1) % (r * r) != 0) {
            throw new ShapeMismatchException("pixelShuffle", "x (B, C·r², H, W) with r = " + r, "x " + in);
        }
        int b = in.dim(0), c = in.dim(1) / (r * r), h = in.dim(2), w = in.dim(3);
        Shape out = Shape.of(b, c, h * r, w * r);
        int[] src = new int[out.size()];
        int at = 0;
        for (int n = 0; n < b; n++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h * r; y++) {
                    for (int xx = 0; xx < w * r; xx++) {
                        int inC = ch * r * r + (y % r) * r + (xx % r);
                        src[at++] = ((n * in.dim(1) + inC) * h + y / r) * w + xx / r;
                    }
                }
            }
        }
        return a.gather(out, src);
    }

    /** Spec 3.6: out[b, c·r²+i·r+j, h, w] = in[b, c, h·r+i, w·r+j]. */
    static RefTensor pixelUnshuffle(Tensor x, int r) {
        RefTensor a = RefTensor.cast("pixelUnshuffle", x);
        Shape in = a.shape();
        if (r < 1 || in.rank() != 4 || in.dim(2) % r != 0 || in.dim(3) % r != 0) {
            throw new ShapeMismatchException("pixelUnshuffle", "x (B, C, H, W) with H and W divisible by r = " + r,
                    "x " + in);
        }
        int b = in.dim(0), c = in.dim(1), h = in.dim(2) / r, w = in.dim(3) / r;
        Shape out = Shape.of(b, c * r * r, h, w);
        int[] src = new int[out.size()];
        int at = 0;
        for (int n = 0; n < b; n++) {
            for (int oc = 0; oc < c * r * r; oc++) {
                int ch = oc / (r * r), i = (oc / r) % r, j = oc % r;
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < w; xx++) {
                        src[at++] = ((n * c + ch) * in.dim(2) + y * r + i) * in.dim(3) + xx * r + j;
                    }
                }
            }
        }
        return a.gather(out, src);
    }

    /** Pads H and W of NCHW by {@code pad} on each side, repeating the edge values. */
    static RefTensor replicationPad(Tensor x, int pad) {
        RefTensor a = RefTensor.cast("replicationPad", x);
        Shape in = a.shape();
        if (pad < 0 || in.rank() != 4 || in.dim(2) < 1 || in.dim(3) < 1) {
            throw new ShapeMismatchException("replicationPad", "x (B, C, H, W) with H, W ≥ 1 and pad ≥ 0",
                    "x " + in + ", pad " + pad);
        }
        int h = in.dim(2), w = in.dim(3);
        Shape out = Shape.of(in.dim(0), in.dim(1), h + 2 * pad, w + 2 * pad);
        int planes = in.dim(0) * in.dim(1);
        int[] src = new int[out.size()];
        int at = 0;
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < h + 2 * pad; y++) {
                int sy = Math.clamp(y - pad, 0, h - 1);
                for (int xx = 0; xx < w + 2 * pad; xx++) {
                    int sx = Math.clamp(xx - pad, 0, w - 1);
                    src[at++] = (p * h + sy) * w + sx;
                }
            }
        }
        return a.gather(out, src);
    }

    /** Axes are non-negative here: the Ops contract does not promise NumPy-style negative axes. */
    static void checkAxis(String op, Shape s, int axis) {
        if (axis < 0 || axis >= s.rank()) {
            throw new ShapeMismatchException(op, "an axis in [0, " + s.rank() + ") of x " + s, "axis " + axis);
        }
    }

    /** Product of dimensions {@code [from, to)}. */
    static int product(Shape s, int from, int to) {
        int p = 1;
        for (int d = from; d < to; d++) {
            p *= s.dim(d);
        }
        return p;
    }
}
