package dev.wuerstchen.backend.nd4j;

import dev.wuerstchen.api.ops.AttentionMask;
import dev.wuerstchen.api.ops.BinaryFn;
import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.api.ops.LayerOpShapes;
import dev.wuerstchen.api.ops.OpShapes;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.ops.UnaryFn;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The reference backend's {@link Ops}: every op computed eagerly by ND4J (OpenBLAS, libnd4j) in
 * float32, checked on entry by the shared rules of {@link OpShapes} and {@link LayerOpShapes}
 * ({@link dev.wuerstchen.api.error.ShapeMismatchException} naming the op and the shapes), each
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
        INDArray a = array(x);
        OpShapes.unary(fn, x);
        return fresh(Elementwise.unary(fn, a));
    }

    @Override
    public Tensor binary(BinaryFn fn, Tensor a, Tensor b) {
        INDArray x = array(a);
        INDArray y = array(b);
        Shape out = OpShapes.binary(fn, a, b);
        return fresh(Elementwise.binary(fn, x, y, Nd4jTensor.longs(out)));
    }

    @Override
    public Tensor affine(Tensor x, float factor, float offset) {
        INDArray a = array(x);
        OpShapes.affine(x);
        return fresh(Elementwise.affine(a, factor, offset));
    }

    @Override
    public Tensor leakyRelu(Tensor x, float slope) {
        INDArray a = array(x);
        OpShapes.leakyRelu(x);
        return fresh(Elementwise.leakyRelu(a, slope));
    }

    // ---------------------------------------------------------------- structure

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        Nd4jTensor t = nd(x);
        OpShapes.reshape(x, shape);
        if (shape.equals(x.shape())) {
            return x;
        }
        return new Nd4jTensor(NdArrays.reshape(t.array(), Nd4jTensor.longs(shape)), t);
    }

    @Override
    public Tensor permute(Tensor x, int... axes) {
        INDArray a = array(x);
        OpShapes.permute(x, axes);
        return fresh(a.permute(axes).dup('c'));
    }

    @Override
    public Tensor concat(int axis, List<Tensor> parts) {
        INDArray[] arrays = new INDArray[parts == null ? 0 : parts.size()];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = array(parts.get(i));
        }
        OpShapes.concat(axis, parts);
        if (arrays.length == 1) {
            return parts.getFirst();
        }
        return fresh(NdArrays.contiguous(Nd4j.concat(axis, arrays)));
    }

    @Override
    public Tensor slice(Tensor x, int axis, int start, int end) {
        INDArray a = array(x);
        Shape out = OpShapes.slice(x, axis, start, end);
        INDArrayIndex[] idx = new INDArrayIndex[out.rank()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i == axis ? NDArrayIndex.interval(start, end) : NDArrayIndex.all();
        }
        INDArray part = a.get(idx); // a strided view
        INDArray copy = Nd4j.createUninitialized(part.dataType(), Nd4jTensor.longs(out), 'c');
        // ND4J may drop or add unit dimensions of vectors in the view, so copy through a view of the copy in its shape
        NdArrays.reshape(copy, part.shape()).assign(part);
        return fresh(copy);
    }

    // ---------------------------------------------------------------- linear algebra

    @Override
    public Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        INDArray a = array(x);
        INDArray w = array(weight);
        INDArray b = bias == null ? null : array(bias);
        LayerOpShapes.linear(x, weight, bias);
        return fresh(LinearAlgebra.linear(a, w, b));
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        INDArray x = array(a);
        INDArray y = array(b);
        LayerOpShapes.matmul(a, b);
        return fresh(LinearAlgebra.matmul(x, y));
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams p) {
        INDArray a = array(x);
        INDArray w = array(weight);
        INDArray b = bias == null ? null : array(bias);
        LayerOpShapes.conv2d(x, weight, bias, p);
        return fresh(Convolutions.conv2d(a, w, b, p.stride(), p.padding(), p.groups()));
    }

    @Override
    public Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams p) {
        INDArray a = array(x);
        INDArray w = array(weight);
        INDArray b = bias == null ? null : array(bias);
        LayerOpShapes.convTranspose2d(x, weight, bias, p);
        return fresh(Convolutions.convTranspose2d(a, w, b, p.stride(), p.padding()));
    }

    // ---------------------------------------------------------------- normalisation

    @Override
    public Tensor layerNormChannels(Tensor x, float eps) {
        INDArray a = array(x);
        LayerOpShapes.layerNormChannels(x);
        return fresh(Normalization.normalize(a, 1, eps));
    }

    @Override
    public Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        INDArray a = array(x);
        INDArray g = gamma == null ? null : array(gamma);
        INDArray b = beta == null ? null : array(beta);
        LayerOpShapes.layerNorm(x, gamma, beta);
        return fresh(Normalization.layerNorm(a, g, b, eps));
    }

    @Override
    public Tensor grn(Tensor x, Tensor gamma, Tensor beta, float eps) {
        INDArray a = array(x);
        INDArray g = array(gamma);
        INDArray b = array(beta);
        LayerOpShapes.grn(x, gamma, beta);
        return fresh(Normalization.grn(a, g, b, eps));
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        INDArray a = array(x);
        LayerOpShapes.softmax(x, axis);
        return fresh(Normalization.softmax(a, axis));
    }

    // ---------------------------------------------------------------- attention

    @Override
    public Tensor attention(Tensor q, Tensor k, Tensor v, int heads, AttentionMask mask) {
        INDArray qa = array(q);
        INDArray ka = array(k);
        INDArray va = array(v);
        INDArray padding = mask instanceof AttentionMask.Causal(Tensor keyPadding) && keyPadding != null
                ? array(keyPadding) : null;
        LayerOpShapes.attention(q, k, v, heads, mask);
        INDArray allowed = null;
        if (mask instanceof AttentionMask.Causal) {
            allowed = LinearAlgebra.causalMask(q.shape().dim(0), q.shape().dim(1), k.shape().dim(1), padding);
        }
        try {
            return fresh(Attention.attention(qa, ka, va, heads, allowed));
        } finally {
            if (allowed != null) {
                Scratch.release(allowed);
            }
        }
    }

    // ---------------------------------------------------------------- images

    @Override
    public Tensor pixelShuffle(Tensor x, int r) {
        INDArray a = array(x);
        OpShapes.pixelShuffle(x, r);
        return fresh(Images.pixelShuffle(a, r));
    }

    @Override
    public Tensor pixelUnshuffle(Tensor x, int r) {
        INDArray a = array(x);
        OpShapes.pixelUnshuffle(x, r);
        return fresh(Images.pixelUnshuffle(a, r));
    }

    @Override
    public Tensor replicationPad(Tensor x, int pad) {
        INDArray a = array(x);
        OpShapes.replicationPad(x, pad);
        return fresh(Images.replicationPad(a, pad));
    }

    @Override
    public Tensor resizeBicubicAntialias(Tensor x, int outHeight, int outWidth) {
        INDArray a = array(x);
        LayerOpShapes.resizeBicubicAntialias(x, outHeight, outWidth);
        return fresh(Images.resizeBicubicAntialias(a, outHeight, outWidth));
    }

    // ---------------------------------------------------------------- lookup

    @Override
    public Tensor embedding(Tensor table, Tensor ids) {
        INDArray t = array(table);
        INDArray i = array(ids);
        OpShapes.embedding(table, ids);
        return fresh(Lookups.embedding("embedding", t, i));
    }

    @Override
    public Tensor nearestCode(Tensor x, Tensor codebook) {
        INDArray a = array(x);
        INDArray c = array(codebook);
        OpShapes.nearestCode(x, codebook);
        return fresh(Lookups.nearestCode(a, c));
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

    /** The array of a tensor of this backend; its shape and type are checked by the op's shape rule. */
    private static INDArray array(Tensor t) {
        return nd(t).array();
    }
}
