package dev.wuerstchen.backend.openvino;

import java.lang.foreign.MemorySegment;

/**
 * An OpenVINO object with exactly one owner: released by {@link #close()} exactly once (later
 * calls do nothing); using it afterwards throws {@link IllegalStateException} naming it.
 */
abstract sealed class NativeObject implements AutoCloseable
        permits OvCore, OvModel, OvCompiledModel, OvInferRequest, OvTensor {

    private final String description;
    private final MemorySegment handle;
    private volatile boolean closed;

    NativeObject(String description, MemorySegment handle) {
        if (handle == null || handle.equals(MemorySegment.NULL)) {
            throw new IllegalStateException(description + ": OpenVINO returned OK but no object");
        }
        this.description = description;
        this.handle = handle;
    }

    /** The C handle; throws if closed. */
    final MemorySegment handle() {
        if (closed) {
            throw new IllegalStateException(description + " is closed; create a new one");
        }
        return handle;
    }

    public final boolean isClosed() {
        return closed;
    }

    /** Releases the C object (and what it holds) once; idempotent. */
    @Override
    public final void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        release(handle);
    }

    /** Frees the C object with its matching {@code ov_*_free} function, then anything it kept alive. */
    abstract void release(MemorySegment handle);

    @Override
    public String toString() {
        return description + (closed ? " (closed)" : "");
    }
}
