package dev.wuerstchen.backend.nd4j;

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
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The reference backend's {@link Ops}: every op computed eagerly by ND4J (OpenBLAS, libnd4j) in
 * float32, checked on entry ({@link ShapeMismatchException} naming the op and the shapes), each
 * result a new C-order array. The kernels live in small classes per family; this class checks and
 * wraps.
 *
 * <p>Memory: a standalone instance ({@link #Nd4jOps()}) leaves result buffers to the garbage
 * collector; inside a network run every result is registered with the run's {@link Allocations}
 * and released when the run ends.
 */
public final class Nd4jOps implements Ops {

    private final Allocations allocations;

    /** Ops whose results are released by the garbage collector (tests, conformance suites). */
    public Nd4jOps() {
        this(null);
    }

    Nd4jOps(Allocations allocations) {
        this.allocations = allocations;
    }

    /** A host tensor as an ND4J tensor (copied). */
    public static Nd4jTensor of(HostTensor host) {
        return Nd4jTensor.of(host);
    }

    /** An ND4J tensor's values on the heap (copied). */
    public static HostTensor toHost(Tensor t) {
        return nd(t).toHost();
    }

    // ---------------------------------------------------------------- values

    @Override
    public Tensor constant(HostTensor value) {
        return fresh(Nd4jTensor.toArray(value));
    }

    // ---------------------------------------------------------------- element-wise

    @Override
    public Tensor unary(UnaryFn fn, Tensor x) {
        return fresh(Elementwise.unary(fn, floats(fn.name().toLowerCase(Locale.ROOT), x)));
    }

    @Override
    public Tensor binary(BinaryFn fn, Tensor a, Tensor b) {
        String op = fn.name().toLowerCase(Locale.ROOT);
        INDArray x = floats(op, a);
        INDArray y = floats(op, b);
        long[] out = Elementwise.broadcastShape(x.shape(), y.shape());
        if (out == null) {
            throw new ShapeMismatchException(op, "shapes that broadcast (equal or 1 in every aligned dimension), first "
                    + a.shape(), "second " + b.shape());
        }
        return fresh(Elementwise.binary(fn, x, y, out));
    }

    @Override
    public Tensor affine(Tensor x, float factor, float offset) {
        return fresh(Elementwise.affine(floats("affine", x), factor, offset));
    }

    @Override
    public Tensor leakyRelu(Tensor x, float slope) {
        return fresh(Elementwise.leakyRelu(floats("leakyRelu", x), slope));
    }

    // ---------------------------------------------------------------- structure

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        if (shape.elementCount() != x.shape().elementCount()) {
            throw new ShapeMismatchException("reshape", "a shape with " + x.shape().elementCount() + " elements (input "
                    + x.shape() + ")", shape + " with " + shape.elementCount() + " elements");
        }
        if (shape.equals(x.shape())) {
            return x;
        }
        Nd4jTensor t = nd(x);
        return new Nd4jTensor(NdArrays.reshape(t.array(), Nd4jTensor.longs(shape)), t);
    }

    @Override
    public Tensor permute(Tensor x, int... axes) {
        int rank = x.shape().rank();
        boolean[] seen = new boolean[rank];
        boolean ok = axes.length == rank;
        for (int i = 0; ok && i < rank; i++) {
            ok = axes[i] >= 0 && axes[i] < rank && !seen[axes[i]];
            if (ok) {
                seen[axes[i]] = true;
            }
        }
        if (!ok) {
            throw new ShapeMismatchException("permute", "a permutation of the " + rank + " axes of " + x.shape(),
                    Arrays.toString(axes));
        }
        return fresh(nd(x).array().permute(axes).dup('c'));
    }

    @Override
    public Tensor concat(int axis, List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat: no tensors to concatenate. Pass at least one");
        }
        Shape first = parts.getFirst().shape();
        int ax = OpChecks.axis("concat", axis, first);
        INDArray[] arrays = new INDArray[parts.size()];
        for (int i = 0; i < arrays.length; i++) {
            Shape s = parts.get(i).shape();
            if (s.rank() != first.rank() || !s.withDim(ax, 0).equals(first.withDim(ax, 0))
                    || parts.get(i).dtype() != parts.getFirst().dtype()) {
                throw new ShapeMismatchException("concat", "all dimensions but axis " + ax + " equal to part 0 "
                        + first + " " + parts.getFirst().dtype(), "part " + i + " " + s + " " + parts.get(i).dtype());
            }
            arrays[i] = nd(parts.get(i)).array();
        }
        if (arrays.length == 1) {
            return parts.getFirst();
        }
        return fresh(NdArrays.contiguous(Nd4j.concat(ax, arrays)));
    }

    @Override
    public Tensor slice(Tensor x, int axis, int start, int end) {
        Shape s = x.shape();
        int ax = OpChecks.axis("slice", axis, s);
        if (start < 0 || end > s.dim(ax) || start >= end) {
            throw new ShapeMismatchException("slice", "0 ≤ start < end ≤ " + s.dim(ax) + " on axis " + ax + " of " + s,
                    "[" + start + ", " + end + ")");
        }
        INDArrayIndex[] idx = new INDArrayIndex[s.rank()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i == ax ? NDArrayIndex.interval(start, end) : NDArrayIndex.all();
        }
        INDArray part = nd(x).array().get(idx); // a strided view
        INDArray out = Nd4j.createUninitialized(part.dataType(), Nd4jTensor.longs(s.withDim(ax, end - start)), 'c');
        // ND4J may drop or add unit dimensions of vectors in the view, so copy through a view of out in its shape
        NdArrays.reshape(out, part.shape()).assign(part);
        return fresh(out);
    }

    // ---------------------------------------------------------------- linear algebra

    @Override
    public Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        OpChecks.linear(x.shape(), weight.shape(), bias == null ? null : bias.shape());
        return fresh(LinearAlgebra.linear(floats("linear", x), floats("linear", weight), bias == null ? null : floats("linear", bias)));
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        OpChecks.matmul(a.shape(), b.shape());
        return fresh(LinearAlgebra.matmul(floats("matmul", a), floats("matmul", b)));
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams p) {
        OpChecks.conv2d(x.shape(), weight.shape(), bias == null ? null : bias.shape(), p);
        return fresh(Convolutions.conv2d(floats("conv2d", x), floats("conv2d", weight),
                bias == null ? null : floats("conv2d", bias), p.stride(), p.padding(), p.groups()));
    }

    @Override
    public Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams p) {
        OpChecks.convTranspose2d(x.shape(), weight.shape(), bias == null ? null : bias.shape(), p);
        return fresh(Convolutions.convTranspose2d(floats("convTranspose2d", x), floats("convTranspose2d", weight),
                bias == null ? null : floats("convTranspose2d", bias), p.stride(), p.padding()));
    }

    // ---------------------------------------------------------------- normalisation

    @Override
    public Tensor layerNormChannels(Tensor x, float eps) {
        OpChecks.rank("layerNormChannels", 4, x.shape());
        return fresh(Normalization.normalize(floats("layerNormChannels", x), 1, eps));
    }

    @Override
    public Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        OpChecks.layerNorm(x.shape(), gamma == null ? null : gamma.shape(), beta == null ? null : beta.shape());
        return fresh(Normalization.layerNorm(floats("layerNorm", x), gamma == null ? null : floats("layerNorm", gamma),
                beta == null ? null : floats("layerNorm", beta), eps));
    }

    @Override
    public Tensor grn(Tensor x, Tensor gamma, Tensor beta, float eps) {
        OpChecks.grn(x.shape(), gamma.shape(), beta.shape());
        return fresh(Normalization.grn(floats("grn", x), floats("grn", gamma), floats("grn", beta), eps));
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        int ax = OpChecks.axis("softmax", axis, x.shape());
        return fresh(Normalization.softmax(floats("softmax", x), ax));
    }

    // ---------------------------------------------------------------- attention

    @Override
    public Tensor attention(Tensor q, Tensor k, Tensor v, int heads, AttentionMask mask) {
        OpChecks.attention(q.shape(), k.shape(), v.shape(), heads, mask);
        INDArray allowed = null;
        if (mask instanceof AttentionMask.Causal(Tensor keyPadding)) {
            allowed = LinearAlgebra.causalMask(q.shape().dim(0), q.shape().dim(1), k.shape().dim(1),
                    keyPadding == null ? null : floats("attention", keyPadding));
        }
        try {
            return fresh(Attention.attention(floats("attention", q), floats("attention", k), floats("attention", v), heads,
                    allowed));
        } finally {
            if (allowed != null) {
                Scratch.release(allowed);
            }
        }
    }

    // ---------------------------------------------------------------- images

    @Override
    public Tensor pixelShuffle(Tensor x, int r) {
        OpChecks.pixelShuffle(x.shape(), r);
        return fresh(Images.pixelShuffle(floats("pixelShuffle", x), r));
    }

    @Override
    public Tensor pixelUnshuffle(Tensor x, int r) {
        OpChecks.pixelUnshuffle(x.shape(), r);
        return fresh(Images.pixelUnshuffle(floats("pixelUnshuffle", x), r));
    }

    @Override
    public Tensor replicationPad(Tensor x, int pad) {
        OpChecks.rank("replicationPad", 4, x.shape());
        if (pad < 0) {
            throw new IllegalArgumentException("replicationPad: padding " + pad + " is negative. Pass 0 or more");
        }
        return fresh(Images.replicationPad(floats("replicationPad", x), pad));
    }

    @Override
    public Tensor resizeBicubicAntialias(Tensor x, int outHeight, int outWidth) {
        OpChecks.rank("resizeBicubicAntialias", 4, x.shape());
        if (outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("resizeBicubicAntialias: output size " + outHeight + "×" + outWidth
                    + " is empty. Pass a size of at least 1×1");
        }
        return fresh(Images.resizeBicubicAntialias(floats("resizeBicubicAntialias", x), outHeight, outWidth));
    }

    // ---------------------------------------------------------------- lookup

    @Override
    public Tensor embedding(Tensor table, Tensor ids) {
        OpChecks.rank("embedding table", 2, table.shape());
        if (ids.dtype() != DType.I64) {
            throw new IllegalArgumentException("embedding: ids " + ids.shape() + " are " + ids.dtype()
                    + ", not I64. Pass token ids as int64");
        }
        return fresh(Lookups.embedding("embedding", floats("embedding", table), nd(ids).array()));
    }

    @Override
    public Tensor nearestCode(Tensor x, Tensor codebook) {
        OpChecks.rank("nearestCode", 4, x.shape());
        OpChecks.rank("nearestCode codebook", 2, codebook.shape());
        if (codebook.shape().dim(1) != x.shape().dim(1)) {
            throw new ShapeMismatchException("nearestCode", "a codebook (K, " + x.shape().dim(1) + ") for input "
                    + x.shape(), codebook.shape().toString());
        }
        return fresh(Lookups.nearestCode(floats("nearestCode", x), floats("nearestCode", codebook)));
    }

    // ---------------------------------------------------------------- helpers

    /** Wraps an array that owns its buffer, registering it with the run if there is one. */
    private Nd4jTensor fresh(INDArray a) {
        return allocations == null ? new Nd4jTensor(a, null) : allocations.track(a);
    }

    private static Nd4jTensor nd(Tensor t) {
        if (t instanceof Nd4jTensor n) {
            return n;
        }
        throw new IllegalArgumentException("tensor " + t + " was not made by the nd4j backend ("
                + (t == null ? "null" : t.getClass().getName()) + "). Use tensors of one Ops implementation only");
    }

    /** The array of a float32 tensor. */
    private static INDArray floats(String op, Tensor t) {
        Nd4jTensor n = nd(t);
        if (n.dtype() != DType.F32) {
            throw new IllegalArgumentException(op + ": tensor " + t.shape() + " is " + t.dtype()
                    + ", but this op computes on F32. Convert it first");
        }
        return n.array();
    }
}
