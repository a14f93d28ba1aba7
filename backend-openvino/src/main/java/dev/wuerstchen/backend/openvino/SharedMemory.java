package dev.wuerstchen.backend.openvino;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Native memory that OpenVINO reads without copying (host tensors, model weights), freed when its
 * creator and every OpenVINO object that may still read it have let go. Reference counting makes the
 * "memory must outlive its users" rule of spec §A.2.4 hold by construction: a tensor retains its
 * memory, an infer request retains the memory of the tensors set on it, a compiled model the weights
 * of its model. Released deterministically, never by a Cleaner.
 */
public final class SharedMemory implements AutoCloseable {

    /** OpenVINO states no alignment requirement; 64 bytes suits every SIMD width (spec §A.2.4). */
    public static final long ALIGNMENT = 64;

    private final Arena arena;
    private final MemorySegment segment;
    private int references = 1;
    private boolean ownerClosed;

    private SharedMemory(long bytes) {
        this.arena = Arena.ofShared();
        this.segment = arena.allocate(Math.max(bytes, 1), ALIGNMENT).asSlice(0, bytes);
    }

    /** Zeroed memory of {@code bytes} bytes; the caller owns one reference and closes it. */
    public static SharedMemory allocate(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size " + bytes);
        }
        return new SharedMemory(bytes);
    }

    /** A copy of {@code bytes}. */
    public static SharedMemory copyOf(byte[] bytes) {
        SharedMemory m = allocate(bytes.length);
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, m.segment, 0, bytes.length);
        return m;
    }

    /** The memory; valid while any reference is held. */
    public MemorySegment segment() {
        synchronized (this) {
            if (references == 0) {
                throw new IllegalStateException("shared native memory of " + segment.byteSize() + " bytes is freed");
            }
        }
        return segment;
    }

    public long byteSize() {
        return segment.byteSize();
    }

    synchronized SharedMemory retain() {
        if (references == 0) {
            throw new IllegalStateException("shared native memory of " + segment.byteSize() + " bytes is freed");
        }
        references++;
        return this;
    }

    synchronized void release() {
        if (references == 0) {
            throw new IllegalStateException("shared native memory released more often than retained");
        }
        if (--references == 0) {
            arena.close();
        }
    }

    synchronized boolean isFreed() {
        return references == 0;
    }

    /** Gives up the creator's reference (once); the memory is freed when no OpenVINO object holds it. */
    @Override
    public void close() {
        synchronized (this) {
            if (ownerClosed) {
                return;
            }
            ownerClosed = true;
        }
        release();
    }
}
