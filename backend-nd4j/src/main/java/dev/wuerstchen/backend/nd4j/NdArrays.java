package dev.wuerstchen.backend.nd4j;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small ND4J helpers that keep every array this backend makes in plain C order. */
final class NdArrays {

    private NdArrays() {
    }

    /** A new uninitialised float32 array in C order. */
    static INDArray floats(long... shape) {
        return Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
    }

    /** {@code a} itself if it is a dense C-order array starting at offset 0, else a C-order copy. */
    static INDArray contiguous(INDArray a) {
        if (!a.isView() && a.ordering() == 'c' && a.data().length() == a.length()) {
            return a;
        }
        return a.dup('c');
    }

    /** The values in C order, copied to the heap. */
    static float[] floatValues(INDArray a) {
        INDArray c = contiguous(a);
        try {
            return c.data().asFloat();
        } finally {
            if (c != a) {
                c.close();
            }
        }
    }

    /** The values in C order, copied to the heap. */
    static long[] longValues(INDArray a) {
        INDArray c = contiguous(a);
        try {
            return c.data().asLong();
        } finally {
            if (c != a) {
                c.close();
            }
        }
    }

    /** A new float32 C-order array holding {@code values}. */
    static INDArray floats(float[] values, long... shape) {
        return Nd4j.create(values, shape, Nd4j.getStrides(shape, 'c'), 'c', DataType.FLOAT);
    }

    /**
     * A C-order reshape. (ND4J's {@code reshape('c', 1, 2)} binds the char to the long varargs
     * overload and reads {@code 'c'} as a dimension of 99; passing a {@code long[]} avoids that.)
     */
    static INDArray reshape(INDArray a, long... shape) {
        if (Arrays.equals(a.shape(), shape)) {
            return a;
        }
        return a.reshape('c', shape);
    }

    /** Prepends dimensions of size 1 up to {@code rank} (a view). */
    static INDArray withRank(INDArray a, int rank) {
        long[] s = a.shape();
        if (s.length == rank) {
            return a;
        }
        long[] t = new long[rank];
        Arrays.fill(t, 1);
        System.arraycopy(s, 0, t, rank - s.length, s.length);
        return a.reshape('c', t);
    }

    static long product(long[] dims, int from, int to) {
        long n = 1;
        for (int i = from; i < to; i++) {
            n *= dims[i];
        }
        return n;
    }
}
