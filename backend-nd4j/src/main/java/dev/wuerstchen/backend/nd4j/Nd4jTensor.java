package dev.wuerstchen.backend.nd4j;

import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ND4J array (float32 or int64, C order) seen as an {@link Tensor}. Tensors are never changed
 * after they are made.
 *
 * <p>A tensor either owns its buffer or is a view (a reshape) of another tensor's buffer; a view
 * keeps its owner reachable, so the owner's buffer is not released while the view is in use.
 */
public final class Nd4jTensor implements Tensor {

    private final INDArray array;
    private final Shape shape;
    private final DType dtype;
    private final Nd4jTensor owner;

    Nd4jTensor(INDArray array, Nd4jTensor owner) {
        this.array = Objects.requireNonNull(array, "array");
        this.shape = Shape.ofLongs(array.shape());
        this.dtype = dtypeOf(array.dataType());
        this.owner = owner == null ? null : owner.root();
    }

    /** Copies a host tensor into a new ND4J array (released by the garbage collector). */
    public static Nd4jTensor of(HostTensor host) {
        return new Nd4jTensor(toArray(host), null);
    }

    /** A new C-order array holding the host tensor's values. */
    static INDArray toArray(HostTensor host) {
        long[] shape = longs(host.shape());
        if (host.dtype() == DType.F32) {
            float[] v = host.toFloatArray();
            return shape.length == 0 ? Nd4j.scalar(v[0]) : Nd4j.create(v, shape, Nd4j.getStrides(shape, 'c'), 'c', DataType.FLOAT);
        }
        long[] v = host.toLongArray();
        return shape.length == 0 ? Nd4j.scalar(v[0]) : Nd4j.create(v, shape, Nd4j.getStrides(shape, 'c'), 'c', DataType.INT64);
    }

    /** The underlying array; callers must not change it. */
    public INDArray array() {
        return array;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    /** The tensor whose buffer this one uses: itself, or the owner of a view. */
    Nd4jTensor root() {
        return owner == null ? this : owner;
    }

    /** Copies the values to the Java heap, row-major. */
    public HostTensor toHost() {
        return dtype == DType.F32 ? HostTensor.of(shape, NdArrays.floatValues(array))
                : HostTensor.of(shape, NdArrays.longValues(array));
    }

    static long[] longs(Shape s) {
        int[] d = s.dims();
        long[] l = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            l[i] = d[i];
        }
        return l;
    }

    private static DType dtypeOf(DataType t) {
        if (t == DataType.FLOAT) {
            return DType.F32;
        }
        if (t == DataType.INT64) { // an alias of the deprecated LONG constant, hence no switch
            return DType.I64;
        }
        throw new IllegalArgumentException("ND4J array of type " + t
                + " cannot be a tensor: this backend holds float32 and int64 arrays only");
    }

    @Override
    public String toString() {
        return "Nd4jTensor" + shape + " " + dtype;
    }
}
