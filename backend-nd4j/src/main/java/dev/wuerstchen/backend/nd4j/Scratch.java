package dev.wuerstchen.backend.nd4j;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Temporaries of one op, released when the op is done. ND4J frees native buffers only when the
 * garbage collector finds their arrays, and the Java heap stays small while gigabytes sit off-heap,
 * so an op closes what it allocated itself.
 *
 * <p>Only arrays that own a fresh buffer may be added (never views, inputs or results).
 */
final class Scratch implements AutoCloseable {

    private final List<INDArray> arrays = new ArrayList<>();

    /** Registers a freshly allocated temporary and returns it. */
    INDArray add(INDArray a) {
        arrays.add(a);
        return a;
    }

    @Override
    public void close() {
        for (INDArray a : arrays) {
            release(a);
        }
        arrays.clear();
    }

    /** Closes an array that owns its buffer; tolerates arrays already closed. */
    static void release(INDArray a) {
        if (!a.wasClosed() && !a.isView() && a.closeable()) {
            a.close();
        }
    }
}
