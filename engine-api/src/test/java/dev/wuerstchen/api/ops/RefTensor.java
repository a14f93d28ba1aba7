package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Objects;

/**
 * The value type of {@link ReferenceOps}: a row-major float32 or int64 array with its shape.
 * Immutable by convention: the array is never changed after construction and never handed out
 * except to the reference ops in this package.
 */
public final class RefTensor implements Tensor {

    private final Shape shape;
    private final float[] floats; // non-null iff F32
    private final long[] longs; // non-null iff I64

    private RefTensor(Shape shape, float[] floats, long[] longs) {
        this.shape = Objects.requireNonNull(shape, "shape");
        this.floats = floats;
        this.longs = longs;
        int n = floats != null ? floats.length : longs.length;
        if (n != shape.elementCount()) {
            throw new IllegalArgumentException("reference tensor: shape " + shape + " needs "
                    + shape.elementCount() + " values but got " + n + ". This is a bug in the reference ops.");
        }
    }

    /** Takes ownership of {@code values} (no copy). */
    static RefTensor floats(Shape shape, float[] values) {
        return new RefTensor(shape, Objects.requireNonNull(values, "values"), null);
    }

    /** Takes ownership of {@code values} (no copy). */
    static RefTensor longs(Shape shape, long[] values) {
        return new RefTensor(shape, null, Objects.requireNonNull(values, "values"));
    }

    /** Rounds double results to float32, the storage type of every float op. */
    static RefTensor rounded(Shape shape, double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return floats(shape, f);
    }

    /** Copies a host tensor (float32 or int64). */
    public static RefTensor of(HostTensor host) {
        Objects.requireNonNull(host, "host tensor");
        return host.dtype() == DType.I64
                ? longs(host.shape(), host.toLongArray())
                : floats(host.shape(), host.toFloatArray());
    }

    /** Copies the values out. */
    public HostTensor toHost() {
        return floats != null ? HostTensor.of(shape, floats.clone()) : HostTensor.of(shape, longs.clone());
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return floats != null ? DType.F32 : DType.I64;
    }

    int size() {
        return floats != null ? floats.length : longs.length;
    }

    /** Element {@code i} (row-major) as a double; int64 values are converted. */
    double get(int i) {
        return floats != null ? floats[i] : longs[i];
    }

    long getLong(int i) {
        return longs[i];
    }

    /**
     * A tensor of the same dtype whose element {@code i} is this tensor's element {@code source[i]}:
     * the one primitive behind every structural op (reshape, permute, slice, shuffles, padding).
     */
    RefTensor gather(Shape outShape, int[] source) {
        if (floats != null) {
            float[] out = new float[source.length];
            for (int i = 0; i < source.length; i++) {
                out[i] = floats[source[i]];
            }
            return floats(outShape, out);
        }
        long[] out = new long[source.length];
        for (int i = 0; i < source.length; i++) {
            out[i] = longs[source[i]];
        }
        return longs(outShape, out);
    }

    /** Casts an {@link Ops} argument back to the reference type, rejecting other backends' tensors. */
    static RefTensor cast(String op, Tensor t) {
        if (t instanceof RefTensor r) {
            return r;
        }
        if (t == null) {
            throw new IllegalArgumentException(op + ": a tensor argument is null. Pass a tensor made by ReferenceOps.");
        }
        throw new IllegalArgumentException(op + ": got a " + t.getClass().getName()
                + ", not a tensor of the reference ops. Convert it with ReferenceOps.of(HostTensor).");
    }

    @Override
    public String toString() {
        return "RefTensor" + shape + " " + dtype();
    }
}
