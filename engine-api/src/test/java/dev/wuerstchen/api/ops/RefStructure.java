package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Reference ops that only move elements: reshape, permute, concat, slice (any dtype), pixel
 * (un)shuffle, replication padding (float32, as {@link OpShapes} requires). Each builds a source-index map and gathers through it.
 */
final class RefStructure {

    private RefStructure() {
    }

    static RefTensor reshape(Tensor x, Shape shape) {
        RefTensor a = RefTensor.cast("reshape", x);
        OpShapes.reshape(a, shape);
        int[] src = new int[a.size()];
        Arrays.setAll(src, i -> i);
        return a.gather(shape, src);
    }

    static RefTensor permute(Tensor x, int... axes) {
        RefTensor a = RefTensor.cast("permute", x);
        Shape in = a.shape();
        int[] outDims = OpShapes.permute(a, axes).dims();
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

    static RefTensor concat(int axis, List<Tensor> parts) {
        List<RefTensor> refs = parts == null ? List.of() : parts.stream().map(t -> RefTensor.cast("concat", t)).toList();
        Shape out = OpShapes.concat(axis, refs);
        Shape s0 = refs.getFirst().shape();
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
        return gatherParts(out, refs, partOf, src, refs.getFirst().dtype());
    }

    private static RefTensor gatherParts(Shape out, List<RefTensor> parts, int[] partOf, int[] src, DType dtype) {
        if (dtype == DType.I64) {
            long[] v = new long[src.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = parts.get(partOf[i]).getLong(src[i]);
            }
            return RefTensor.longs(out, v);
        }
        float[] v = new float[src.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) parts.get(partOf[i]).get(src[i]);
        }
        return RefTensor.floats(out, v);
    }

    static RefTensor slice(Tensor x, int axis, int start, int end) {
        RefTensor a = RefTensor.cast("slice", x);
        Shape in = a.shape();
        Shape out = OpShapes.slice(a, axis, start, end);
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
        Shape out = OpShapes.pixelShuffle(a, r);
        int b = in.dim(0), c = out.dim(1), h = in.dim(2), w = in.dim(3);
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
        Shape out = OpShapes.pixelUnshuffle(a, r);
        int b = in.dim(0), c = in.dim(1), h = out.dim(2), w = out.dim(3);
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
        Shape out = OpShapes.replicationPad(a, pad);
        int h = in.dim(2), w = in.dim(3);
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

    /** Product of dimensions {@code [from, to)}. */
    static int product(Shape s, int from, int to) {
        int p = 1;
        for (int d = from; d < to; d++) {
            p *= s.dim(d);
        }
        return p;
    }
}
