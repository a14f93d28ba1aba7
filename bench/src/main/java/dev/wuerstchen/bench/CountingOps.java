package dev.wuerstchen.bench;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.ops.AttentionMask;
import dev.wuerstchen.api.ops.BinaryFn;
import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.ops.UnaryFn;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Ops} that computes nothing: it derives each result's shape and adds the op's FLOPs to a
 * tally. Multiply-add ops count 2 FLOPs per MAC of their main product (bias additions are left
 * out); element-wise ops, norms, softmax and resize count 1 FLOP per output element; pure data
 * movement (reshape, permute, concat, slice, shuffle, pad, lookup) counts 0.
 */
final class CountingOps implements Ops {

    /** A value that is only a shape. */
    record ShapeTensor(Shape shape, DType dtype) implements Tensor {
    }

    private final Map<OpKind, Long> flops = new EnumMap<>(OpKind.class);
    private final Map<OpKind, Long> calls = new EnumMap<>(OpKind.class);

    FlopCount result() {
        return new FlopCount(flops, calls);
    }

    static Tensor of(Shape shape) {
        return new ShapeTensor(shape, DType.F32);
    }

    private void add(OpKind kind, long n) {
        flops.merge(kind, n, Math::addExact);
        calls.merge(kind, 1L, Long::sum);
    }

    private Tensor elementwise(Shape out) {
        add(OpKind.ELEMENTWISE, out.elementCount());
        return of(out);
    }

    private static ShapeMismatchException mismatch(String op, String expected, Object actual) {
        return new ShapeMismatchException(op, expected, String.valueOf(actual));
    }

    // ---------------------------------------------------------------- values and element-wise

    @Override
    public Tensor constant(HostTensor value) {
        return new ShapeTensor(value.shape(), value.dtype());
    }

    @Override
    public Tensor unary(UnaryFn fn, Tensor x) {
        return elementwise(x.shape());
    }

    @Override
    public Tensor binary(BinaryFn fn, Tensor a, Tensor b) {
        return elementwise(broadcast("binary " + fn, a.shape(), b.shape()));
    }

    static Shape broadcast(String op, Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int da = i <= a.rank() ? a.dim(-i) : 1;
            int db = i <= b.rank() ? b.dim(-i) : 1;
            if (da != db && da != 1 && db != 1) {
                throw mismatch(op, "broadcastable shapes", a + " and " + b);
            }
            out[rank - i] = da == 1 ? db : da;
        }
        return Shape.of(out);
    }

    @Override
    public Tensor affine(Tensor x, float factor, float offset) {
        return elementwise(x.shape());
    }

    @Override
    public Tensor leakyRelu(Tensor x, float slope) {
        return elementwise(x.shape());
    }

    // ---------------------------------------------------------------- structure

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        if (shape.elementCount() != x.shape().elementCount()) {
            throw mismatch("reshape", "a shape with " + x.shape().elementCount() + " elements", shape);
        }
        return new ShapeTensor(shape, x.dtype());
    }

    @Override
    public Tensor permute(Tensor x, int... axes) {
        Shape s = x.shape();
        int[] sorted = axes.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != i) {
                throw mismatch("permute", "a permutation of 0.." + (s.rank() - 1), Arrays.toString(axes));
            }
        }
        if (axes.length != s.rank()) {
            throw mismatch("permute", s.rank() + " axes", Arrays.toString(axes));
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = s.dim(axes[i]);
        }
        return new ShapeTensor(Shape.of(out), x.dtype());
    }

    @Override
    public Tensor concat(int axis, List<Tensor> parts) {
        Shape first = parts.getFirst().shape();
        int ax = axis < 0 ? first.rank() + axis : axis;
        int total = 0;
        for (Tensor p : parts) {
            if (!p.shape().withDim(ax, 0).equals(first.withDim(ax, 0))) {
                throw mismatch("concat", "shapes equal except along axis " + axis, first + " and " + p.shape());
            }
            total += p.shape().dim(ax);
        }
        return new ShapeTensor(first.withDim(ax, total), parts.getFirst().dtype());
    }

    @Override
    public Tensor slice(Tensor x, int axis, int start, int end) {
        int n = x.shape().dim(axis);
        if (start < 0 || end > n || start > end) {
            throw mismatch("slice", "0 ≤ start ≤ end ≤ " + n, "[" + start + ", " + end + ")");
        }
        return new ShapeTensor(x.shape().withDim(axis, end - start), x.dtype());
    }

    // ---------------------------------------------------------------- linear algebra

    @Override
    public Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        Shape s = x.shape();
        Shape w = weight.shape();
        if (w.rank() != 2 || s.dim(-1) != w.dim(1)) {
            throw mismatch("linear", "weight (out, " + s.dim(-1) + ")", w);
        }
        long rows = s.elementCount() / s.dim(-1);
        add(OpKind.LINEAR, 2 * rows * w.dim(1) * w.dim(0));
        return of(s.withDim(-1, w.dim(0)));
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        Shape sa = a.shape();
        Shape sb = b.shape();
        if (sa.rank() != sb.rank() || sa.rank() < 2 || sa.dim(-1) != sb.dim(-2)
                || !sa.withDim(-1, 0).withDim(-2, 0).equals(sb.withDim(-1, 0).withDim(-2, 0))) {
            throw mismatch("matmul", "(..., M, K)·(..., K, N) with equal leading dimensions", sa + "·" + sb);
        }
        long batch = sa.elementCount() / ((long) sa.dim(-1) * sa.dim(-2));
        add(OpKind.MATMUL, 2 * batch * sa.dim(-2) * sa.dim(-1) * sb.dim(-1));
        return of(sa.withDim(-1, sb.dim(-1)));
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams p) {
        Shape s = x.shape();
        Shape w = weight.shape();
        if (s.rank() != 4 || w.rank() != 4 || s.dim(1) != w.dim(1) * p.groups() || w.dim(0) % p.groups() != 0) {
            throw mismatch("conv2d", "x (B, C, H, W) and weight (O, C/" + p.groups() + ", kh, kw)", s + " and " + w);
        }
        int oh = (s.dim(2) + 2 * p.padding() - w.dim(2)) / p.stride() + 1;
        int ow = (s.dim(3) + 2 * p.padding() - w.dim(3)) / p.stride() + 1;
        long macs = (long) s.dim(0) * w.dim(0) * oh * ow * w.dim(1) * w.dim(2) * w.dim(3);
        add(OpKind.CONV2D, 2 * macs);
        return of(Shape.of(s.dim(0), w.dim(0), oh, ow));
    }

    @Override
    public Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams p) {
        Shape s = x.shape();
        Shape w = weight.shape();
        if (s.rank() != 4 || w.rank() != 4 || s.dim(1) != w.dim(0) || p.groups() != 1) {
            throw mismatch("convTranspose2d", "x (B, I, H, W) and weight (I, O, kh, kw), groups 1", s + " and " + w);
        }
        int oh = (s.dim(2) - 1) * p.stride() - 2 * p.padding() + w.dim(2);
        int ow = (s.dim(3) - 1) * p.stride() - 2 * p.padding() + w.dim(3);
        // scatter form: every input element meets every (o, ky, kx) once
        long macs = s.elementCount() * w.dim(1) * w.dim(2) * w.dim(3);
        add(OpKind.CONV_TRANSPOSE2D, 2 * macs);
        return of(Shape.of(s.dim(0), w.dim(1), oh, ow));
    }

    // ---------------------------------------------------------------- normalisation

    @Override
    public Tensor layerNormChannels(Tensor x, float eps) {
        return elementwise(x.shape());
    }

    @Override
    public Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        return elementwise(x.shape());
    }

    @Override
    public Tensor grn(Tensor x, Tensor gamma, Tensor beta, float eps) {
        return elementwise(x.shape());
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        return elementwise(x.shape());
    }

    // ---------------------------------------------------------------- attention

    @Override
    public Tensor attention(Tensor q, Tensor k, Tensor v, int heads, AttentionMask mask) {
        Shape sq = q.shape();
        Shape sk = k.shape();
        if (sq.rank() != 3 || !sk.equals(v.shape()) || sk.rank() != 3 || sq.dim(0) != sk.dim(0)
                || sq.dim(2) != sk.dim(2) || sq.dim(2) % heads != 0) {
            throw mismatch("attention", "q (B, Nq, C), k = v (B, Nk, C), C divisible by " + heads,
                    sq + ", " + sk + ", " + v.shape());
        }
        long batch = sq.dim(0);
        long nq = sq.dim(1);
        long nk = sk.dim(1);
        long c = sq.dim(2);
        // Q·Kᵀ and P·V: each B·heads·Nq·Nk·d = B·Nq·Nk·C multiply-adds
        add(OpKind.ATTENTION, 2 * 2 * batch * nq * nk * c);
        add(OpKind.ELEMENTWISE, batch * heads * nq * nk); // softmax over the scores
        return of(sq);
    }

    // ---------------------------------------------------------------- images

    @Override
    public Tensor pixelShuffle(Tensor x, int r) {
        Shape s = x.shape();
        if (s.rank() != 4 || s.dim(1) % (r * r) != 0) {
            throw mismatch("pixelShuffle", "(B, C·" + r * r + ", H, W)", s);
        }
        return of(Shape.of(s.dim(0), s.dim(1) / (r * r), s.dim(2) * r, s.dim(3) * r));
    }

    @Override
    public Tensor pixelUnshuffle(Tensor x, int r) {
        Shape s = x.shape();
        if (s.rank() != 4 || s.dim(2) % r != 0 || s.dim(3) % r != 0) {
            throw mismatch("pixelUnshuffle", "(B, C, H, W) with H and W divisible by " + r, s);
        }
        return of(Shape.of(s.dim(0), s.dim(1) * r * r, s.dim(2) / r, s.dim(3) / r));
    }

    @Override
    public Tensor replicationPad(Tensor x, int pad) {
        Shape s = x.shape();
        return of(s.withDim(2, s.dim(2) + 2 * pad).withDim(3, s.dim(3) + 2 * pad));
    }

    @Override
    public Tensor resizeBicubicAntialias(Tensor x, int outHeight, int outWidth) {
        return elementwise(x.shape().withDim(2, outHeight).withDim(3, outWidth));
    }

    // ---------------------------------------------------------------- lookup

    @Override
    public Tensor embedding(Tensor table, Tensor ids) {
        Shape s = ids.shape();
        int[] out = Arrays.copyOf(s.dims(), s.rank() + 1);
        out[s.rank()] = table.shape().dim(1);
        return of(Shape.of(out));
    }

    @Override
    public Tensor nearestCode(Tensor x, Tensor codebook) {
        Shape s = x.shape();
        long pixels = s.elementCount() / s.dim(1);
        add(OpKind.MATMUL, 2 * pixels * codebook.shape().dim(0) * codebook.shape().dim(1)); // distances as dot products
        return of(s);
    }
}
