package dev.wuerstchen.api.tensor;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * A static tensor shape, row-major, outermost dimension first. Immutable: the array is copied on
 * the way in and on the way out.
 */
public record Shape(int[] dims) {

    public Shape {
        dims = dims.clone();
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has a negative dimension");
            }
        }
        Math.multiplyExact(1L, elementCountOf(dims)); // overflow check
    }

    public static Shape of(int... dims) {
        return new Shape(dims);
    }

    /** Converts dimensions read from a file, rejecting values that do not fit an {@code int}. */
    public static Shape ofLongs(long... dims) {
        int[] d = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("dimension " + dims[i] + " is out of range");
            }
            d[i] = (int) dims[i];
        }
        return new Shape(d);
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    /** Dimension {@code i}; negative indices count from the end, as in NumPy. */
    public int dim(int i) {
        return dims[i < 0 ? dims.length + i : i];
    }

    public long elementCount() {
        return elementCountOf(dims);
    }

    /** Element count as an int, for tensors that live in one Java array. */
    public int size() {
        return Math.toIntExact(elementCount());
    }

    /** A copy with dimension {@code i} replaced. */
    public Shape withDim(int i, int value) {
        int[] d = dims.clone();
        d[i < 0 ? d.length + i : i] = value;
        return new Shape(d);
    }

    /** Row-major strides in elements. */
    public long[] strides() {
        long[] s = new long[dims.length];
        long acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    private static long elementCountOf(int[] dims) {
        long n = 1;
        for (int d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Reads like the spec: {@code (2,16,24,24)}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(",", "(", ")");
        for (int d : dims) {
            j.add(Integer.toString(d));
        }
        return j.toString();
    }
}
