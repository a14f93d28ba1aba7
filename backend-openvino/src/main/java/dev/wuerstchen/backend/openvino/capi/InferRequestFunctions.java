// Written in the shape jextract generates: one holder per C function, C prototype in the Javadoc.
package dev.wuerstchen.backend.openvino.capi;

import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_INT;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_INT64;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_POINTER;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_SIZE_T;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.util.List;

/** Infer requests ({@code ov_infer_request.h}). */
public final class InferRequestFunctions {

    private final NativeFunction ov_infer_request_set_tensor;
    private final NativeFunction ov_infer_request_set_input_tensor_by_index;
    private final NativeFunction ov_infer_request_get_tensor;
    private final NativeFunction ov_infer_request_get_output_tensor_by_index;
    private final NativeFunction ov_infer_request_infer;
    private final NativeFunction ov_infer_request_start_async;
    private final NativeFunction ov_infer_request_wait;
    private final NativeFunction ov_infer_request_wait_for;
    private final NativeFunction ov_infer_request_free;

    InferRequestFunctions(SymbolLookup lookup, String library) {
        ov_infer_request_set_tensor = new NativeFunction(lookup, library, "ov_infer_request_set_tensor", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER));
        ov_infer_request_set_input_tensor_by_index = new NativeFunction(lookup, library, "ov_infer_request_set_input_tensor_by_index", FunctionDescriptor.of(C_INT, C_POINTER, C_SIZE_T, C_POINTER));
        ov_infer_request_get_tensor = new NativeFunction(lookup, library, "ov_infer_request_get_tensor", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER));
        ov_infer_request_get_output_tensor_by_index = new NativeFunction(lookup, library, "ov_infer_request_get_output_tensor_by_index", FunctionDescriptor.of(C_INT, C_POINTER, C_SIZE_T, C_POINTER));
        ov_infer_request_infer = new NativeFunction(lookup, library, "ov_infer_request_infer", FunctionDescriptor.of(C_INT, C_POINTER));
        ov_infer_request_start_async = new NativeFunction(lookup, library, "ov_infer_request_start_async", FunctionDescriptor.of(C_INT, C_POINTER));
        ov_infer_request_wait = new NativeFunction(lookup, library, "ov_infer_request_wait", FunctionDescriptor.of(C_INT, C_POINTER));
        ov_infer_request_wait_for = new NativeFunction(lookup, library, "ov_infer_request_wait_for", FunctionDescriptor.of(C_INT, C_POINTER, C_INT64));
        ov_infer_request_free = new NativeFunction(lookup, library, "ov_infer_request_free", FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** The symbols this class binds, for presence checks. */
    public List<String> symbols() {
        return List.of("ov_infer_request_set_tensor",
                "ov_infer_request_set_input_tensor_by_index",
                "ov_infer_request_get_tensor",
                "ov_infer_request_get_output_tensor_by_index",
                "ov_infer_request_infer",
                "ov_infer_request_start_async",
                "ov_infer_request_wait",
                "ov_infer_request_wait_for",
                "ov_infer_request_free");
    }

    /** {@code ov_status_e ov_infer_request_set_tensor(ov_infer_request_t* infer_request, const char* tensor_name, const ov_tensor_t* tensor);} */
    public int ov_infer_request_set_tensor(MemorySegment infer_request, MemorySegment tensor_name, MemorySegment tensor) {
        try {
            return (int) ov_infer_request_set_tensor.handle().invokeExact(infer_request, tensor_name, tensor);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_infer_request_set_input_tensor_by_index(ov_infer_request_t* infer_request, const size_t idx, const ov_tensor_t* tensor);} */
    public int ov_infer_request_set_input_tensor_by_index(MemorySegment infer_request, long idx, MemorySegment tensor) {
        try {
            return (int) ov_infer_request_set_input_tensor_by_index.handle().invokeExact(infer_request, idx, tensor);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_infer_request_get_tensor(const ov_infer_request_t* infer_request, const char* tensor_name, ov_tensor_t** tensor);} */
    public int ov_infer_request_get_tensor(MemorySegment infer_request, MemorySegment tensor_name, MemorySegment tensor) {
        try {
            return (int) ov_infer_request_get_tensor.handle().invokeExact(infer_request, tensor_name, tensor);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_infer_request_get_output_tensor_by_index(const ov_infer_request_t* infer_request, const size_t idx, ov_tensor_t** tensor);} */
    public int ov_infer_request_get_output_tensor_by_index(MemorySegment infer_request, long idx, MemorySegment tensor) {
        try {
            return (int) ov_infer_request_get_output_tensor_by_index.handle().invokeExact(infer_request, idx, tensor);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_infer_request_infer(ov_infer_request_t* infer_request);} */
    public int ov_infer_request_infer(MemorySegment infer_request) {
        try {
            return (int) ov_infer_request_infer.handle().invokeExact(infer_request);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_infer_request_start_async(ov_infer_request_t* infer_request);} */
    public int ov_infer_request_start_async(MemorySegment infer_request) {
        try {
            return (int) ov_infer_request_start_async.handle().invokeExact(infer_request);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_infer_request_wait(ov_infer_request_t* infer_request);} */
    public int ov_infer_request_wait(MemorySegment infer_request) {
        try {
            return (int) ov_infer_request_wait.handle().invokeExact(infer_request);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_infer_request_wait_for(ov_infer_request_t* infer_request, const int64_t timeout);} */
    public int ov_infer_request_wait_for(MemorySegment infer_request, long timeout) {
        try {
            return (int) ov_infer_request_wait_for.handle().invokeExact(infer_request, timeout);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code void ov_infer_request_free(ov_infer_request_t* infer_request);} */
    public void ov_infer_request_free(MemorySegment infer_request) {
        try {
            ov_infer_request_free.handle().invokeExact(infer_request);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }
}
