package dev.wuerstchen.api.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A row-major float32 or int64 tensor in host memory: the only tensor type that crosses module
 * boundaries (pipelines and networks, golden files, tests).
 *
 * <p>Ownership: a tensor made by {@link #of(Shape, float[])} or {@link #of(Shape, long[])} wraps the
 * caller's array without copying; whoever made the array must not change it afterwards. A tensor
 * made by {@link #wrap(DType, Shape, MemorySegment)} is valid for as long as the segment's arena is
 * alive; its creator owns that arena. Values are read through copies ({@link #toFloatArray()}) or
 * through a read-only view ({@link #segment()}).
 */
public final class HostTensor {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;

    private final DType dtype;
    private final Shape shape;
    private final MemorySegment data;

    private HostTensor(DType dtype, Shape shape, MemorySegment data) {
        if (dtype != DType.F32 && dtype != DType.I64) {
            throw new IllegalArgumentException("host tensors are F32 or I64, not " + dtype);
        }
        long expected = shape.elementCount() * dtype.byteSize();
        if (data.byteSize() != expected) {
            throw new IllegalArgumentException("shape " + shape + " of " + dtype + " needs " + expected
                    + " bytes but the memory holds " + data.byteSize());
        }
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
    }

    /** Wraps a float array (no copy). */
    public static HostTensor of(Shape shape, float[] values) {
        return new HostTensor(DType.F32, shape, MemorySegment.ofArray(values));
    }

    /** Wraps a long array (no copy). */
    public static HostTensor of(Shape shape, long[] values) {
        return new HostTensor(DType.I64, shape, MemorySegment.ofArray(values));
    }

    /** A float32 tensor of zeros. */
    public static HostTensor zeros(Shape shape) {
        return of(shape, new float[shape.size()]);
    }

    /** Wraps native or heap memory holding values in native byte order (no copy). */
    public static HostTensor wrap(DType dtype, Shape shape, MemorySegment data) {
        return new HostTensor(dtype, shape, Objects.requireNonNull(data, "data"));
    }

    public DType dtype() {
        return dtype;
    }

    public Shape shape() {
        return shape;
    }

    /** A read-only view of the values, valid as long as this tensor's memory is. */
    public MemorySegment segment() {
        return data.asReadOnly();
    }

    /** Copies the values out as floats (int64 values are converted). */
    public float[] toFloatArray() {
        if (dtype == DType.F32) {
            return data.toArray(F32);
        }
        long[] l = toLongArray();
        float[] f = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            f[i] = l[i];
        }
        return f;
    }

    /** Copies the values out as longs; only for int64 tensors. */
    public long[] toLongArray() {
        if (dtype != DType.I64) {
            throw new IllegalStateException("tensor " + shape + " is " + dtype + ", not I64");
        }
        return data.toArray(I64);
    }

    public float getFloat(long index) {
        if (dtype != DType.F32) {
            return data.getAtIndex(I64, index);
        }
        return data.getAtIndex(F32, index);
    }

    public long getLong(long index) {
        if (dtype != DType.I64) {
            throw new IllegalStateException("tensor " + shape + " is " + dtype + ", not I64");
        }
        return data.getAtIndex(I64, index);
    }

    /** The same values under another shape with the same element count. */
    public HostTensor reshape(Shape newShape) {
        if (newShape.elementCount() != shape.elementCount()) {
            throw new IllegalArgumentException("cannot reshape " + shape + " to " + newShape);
        }
        return new HostTensor(dtype, newShape, data);
    }

    /** Rows {@code [from, to)} of the outermost axis, copied. */
    public HostTensor sliceBatch(int from, int to) {
        int n = shape.dim(0);
        if (from < 0 || to > n || from > to) {
            throw new IllegalArgumentException("batch slice [" + from + "," + to + ") of " + shape);
        }
        long row = shape.elementCount() / Math.max(n, 1) * dtype.byteSize();
        MemorySegment part = data.asSlice(from * row, (to - from) * row);
        Shape s = shape.withDim(0, to - from);
        if (dtype == DType.F32) {
            return of(s, part.toArray(F32));
        }
        return of(s, part.toArray(I64));
    }

    /** Concatenates float32 tensors along the outermost axis. */
    public static HostTensor concatBatch(HostTensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        Shape first = parts[0].shape;
        int rows = 0;
        for (HostTensor p : parts) {
            if (p.dtype != DType.F32 || p.shape.rank() != first.rank()
                    || !p.shape.withDim(0, 0).equals(first.withDim(0, 0))) {
                throw new IllegalArgumentException("cannot concatenate " + p.shape + " to " + first);
            }
            rows += p.shape.dim(0);
        }
        Shape out = first.withDim(0, rows);
        float[] v = new float[out.size()];
        int at = 0;
        for (HostTensor p : parts) {
            float[] src = p.toFloatArray();
            System.arraycopy(src, 0, v, at, src.length);
            at += src.length;
        }
        return of(out, v);
    }

    @Override
    public String toString() {
        return "HostTensor" + shape + " " + dtype;
    }
}
