package dev.wuerstchen.backend.openvino;

import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_INT;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_INT64;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_POINTER;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_SIZE_T;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.OV_SHAPE;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.SHAPE_DIMS;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.SHAPE_RANK;

import dev.wuerstchen.backend.openvino.capi.TensorFunctions;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * An OpenVINO tensor wrapper ({@code ov_tensor_t}). Closing frees the wrapper only; a request the
 * tensor was set on keeps the underlying tensor (and, for host tensors, their memory) alive.
 */
public final class OvTensor extends NativeObject {

    private final OpenVinoRuntime rt;
    private final TensorFunctions f;
    private final SharedMemory host;
    /** Scope of the segments {@link #data()} returns; closed with this tensor, made on first use. */
    private Arena view;

    private OvTensor(OpenVinoRuntime rt, MemorySegment handle, SharedMemory host) {
        super("OpenVINO tensor", handle);
        this.rt = rt;
        this.f = rt.c().tensor;
        this.host = host;
    }

    /**
     * A tensor over {@code memory} without copying ({@code ov_tensor_create_from_host_ptr}): OpenVINO
     * reads and writes the Java-owned memory directly. The tensor (and any request it is set on)
     * retains the memory, so it cannot be freed while OpenVINO may touch it.
     */
    public static OvTensor fromHost(OpenVinoRuntime rt, ElementType type, long[] shape, SharedMemory memory) {
        long needed = type.byteSize(elements(shape));
        if (memory.byteSize() < needed) {
            throw new IllegalArgumentException("a " + type + Arrays.toString(shape) + " tensor needs " + needed
                    + " bytes but the memory holds " + memory.byteSize());
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocate(C_POINTER);
            rt.check(rt.c().tensor.ov_tensor_create_from_host_ptr(rt.tensorTypes().code(type),
                    OpenVinoRuntime.shape(arena, shape), memory.segment(), cell), "ov_tensor_create_from_host_ptr");
            return new OvTensor(rt, cell.get(C_POINTER, 0), memory.retain());
        }
    }

    /** A tensor whose memory OpenVINO allocates (zeroed is not promised). */
    public static OvTensor allocate(OpenVinoRuntime rt, ElementType type, long[] shape) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocate(C_POINTER);
            rt.check(rt.c().tensor.ov_tensor_create(rt.tensorTypes().code(type), OpenVinoRuntime.shape(arena, shape), cell),
                    "ov_tensor_create");
            return new OvTensor(rt, cell.get(C_POINTER, 0), null);
        }
    }

    static OvTensor adopt(OpenVinoRuntime rt, MemorySegment handle) {
        return new OvTensor(rt, handle, null);
    }

    /** The memory of a tensor made by {@link #fromHost}, else null. */
    SharedMemory hostMemory() {
        return host;
    }

    public long[] shape() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(OV_SHAPE); // zeroed: OpenVINO leaves it untouched for scalars
            rt.check(f.ov_tensor_get_shape(handle(), s), "ov_tensor_get_shape");
            try {
                long rank = s.get(C_INT64, SHAPE_RANK);
                if (rank == 0) {
                    return new long[0];
                }
                return s.get(C_POINTER, SHAPE_DIMS).reinterpret(rank * C_INT64.byteSize()).toArray(C_INT64);
            } finally {
                rt.c().shape.ov_shape_free(s);
            }
        }
    }

    public ElementType elementType() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = arena.allocate(C_INT);
            rt.check(f.ov_tensor_get_element_type(handle(), t), "ov_tensor_get_element_type");
            return rt.tensorTypes().type(t.get(C_INT, 0));
        }
    }

    /** Number of elements. */
    public long size() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = arena.allocate(C_SIZE_T);
            rt.check(f.ov_tensor_get_size(handle(), n), "ov_tensor_get_size");
            return n.get(C_SIZE_T, 0);
        }
    }

    public long byteSize() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = arena.allocate(C_SIZE_T);
            rt.check(f.ov_tensor_get_byte_size(handle(), n), "ov_tensor_get_byte_size");
            return n.get(C_SIZE_T, 0);
        }
    }

    /**
     * The tensor's memory ({@link #byteSize()} bytes). Valid while this tensor is open: after
     * {@link #close()} any access throws {@link IllegalStateException} instead of reading freed memory.
     * For a request's output it holds that request's results only until the request runs again. Copy out
     * what you keep.
     */
    public MemorySegment data() {
        long bytes = byteSize();
        MemorySegment address;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocate(C_POINTER);
            rt.check(f.ov_tensor_data(handle(), cell), "ov_tensor_data");
            address = cell.get(C_POINTER, 0);
        }
        return address.reinterpret(bytes, view(), null);
    }

    private synchronized Arena view() {
        handle(); // throws if closed
        if (view == null) {
            view = Arena.ofShared(); // shared: the tensor may be closed on another thread than the one reading
        }
        return view;
    }

    static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    void release(MemorySegment handle) {
        try {
            synchronized (this) {
                if (view != null) {
                    view.close(); // first: no segment of data() may outlive the memory
                }
            }
            f.ov_tensor_free(handle);
        } finally {
            if (host != null) {
                host.release();
            }
        }
    }
}
