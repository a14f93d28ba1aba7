package dev.wuerstchen.backend.openvino;

import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_POINTER;

import dev.wuerstchen.backend.openvino.capi.InferRequestFunctions;
import dev.wuerstchen.backend.openvino.capi.OvStatus;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One infer request ({@code ov_infer_request_t}): set inputs, run (synchronously or
 * {@link #startAsync()} + {@link #await()}), read outputs. Not for concurrent use; make one request
 * per thread. Host memory of tensors set on it stays alive until they are replaced or the request is
 * closed.
 */
public final class OvInferRequest extends NativeObject {

    private final OpenVinoRuntime rt;
    private final InferRequestFunctions f;
    private final Map<Object, SharedMemory> retained = new HashMap<>();

    OvInferRequest(OpenVinoRuntime rt, MemorySegment handle, String source) {
        super("OpenVINO infer request of " + source, handle);
        this.rt = rt;
        this.f = rt.c().inferRequest;
    }

    /** Sets input {@code index} to {@code tensor} (no copy; OpenVINO keeps its own reference). */
    public void setInput(int index, OvTensor tensor) {
        rt.check(f.ov_infer_request_set_input_tensor_by_index(handle(), index, tensor.handle()),
                "ov_infer_request_set_input_tensor_by_index");
        keep(index, tensor);
    }

    /** Sets the input with this tensor name. */
    public void setTensor(String name, OvTensor tensor) {
        try (Arena arena = Arena.ofConfined()) {
            rt.check(f.ov_infer_request_set_tensor(handle(), arena.allocateFrom(name), tensor.handle()),
                    "ov_infer_request_set_tensor");
        }
        keep(name, tensor);
    }

    private synchronized void keep(Object key, OvTensor tensor) {
        SharedMemory m = tensor.hostMemory();
        SharedMemory old = retained.put(key, m == null ? null : m.retain());
        if (old != null) {
            old.release();
        }
    }

    /** Runs inference and waits for it. */
    public void infer() {
        rt.check(f.ov_infer_request_infer(handle()), "ov_infer_request_infer");
    }

    /** Starts inference and returns at once; follow with {@link #await()}. */
    public void startAsync() {
        rt.check(f.ov_infer_request_start_async(handle()), "ov_infer_request_start_async");
    }

    /** Waits for a started inference; throws its failure. */
    public void await() {
        rt.check(f.ov_infer_request_wait(handle()), "ov_infer_request_wait");
    }

    /** Waits at most {@code timeout}; false if the inference is still running. */
    public boolean await(Duration timeout) {
        int st = f.ov_infer_request_wait_for(handle(), timeout.toMillis());
        if (st == OvStatus.RESULT_NOT_READY) {
            return false;
        }
        rt.check(st, "ov_infer_request_wait_for");
        return true;
    }

    /** Output {@code index}; the caller owns (closes) the wrapper. Read it before the next inference. */
    public OvTensor output(int index) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocate(C_POINTER);
            rt.check(f.ov_infer_request_get_output_tensor_by_index(handle(), index, cell),
                    "ov_infer_request_get_output_tensor_by_index");
            return OvTensor.adopt(rt, cell.get(C_POINTER, 0));
        }
    }

    /** The tensor with this name (input or output); the caller owns (closes) the wrapper. */
    public OvTensor tensor(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocate(C_POINTER);
            rt.check(f.ov_infer_request_get_tensor(handle(), arena.allocateFrom(name), cell),
                    "ov_infer_request_get_tensor");
            return OvTensor.adopt(rt, cell.get(C_POINTER, 0));
        }
    }

    @Override
    void release(MemorySegment handle) {
        try {
            f.ov_infer_request_free(handle); // waits for a running inference before freeing
        } finally {
            synchronized (this) {
                retained.values().stream().filter(m -> m != null).forEach(SharedMemory::release);
                retained.clear();
            }
        }
    }
}
