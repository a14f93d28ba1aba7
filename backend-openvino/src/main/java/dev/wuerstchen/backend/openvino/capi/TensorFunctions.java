// Written in the shape jextract generates: one holder per C function, C prototype in the Javadoc.
package dev.wuerstchen.backend.openvino.capi;

import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_INT;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_POINTER;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.OV_SHAPE;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.util.List;

/** Tensors ({@code ov_tensor.h}). */
public final class TensorFunctions {

    private final NativeFunction ov_tensor_create;
    private final NativeFunction ov_tensor_create_from_host_ptr;
    private final NativeFunction ov_tensor_get_shape;
    private final NativeFunction ov_tensor_get_element_type;
    private final NativeFunction ov_tensor_get_size;
    private final NativeFunction ov_tensor_get_byte_size;
    private final NativeFunction ov_tensor_data;
    private final NativeFunction ov_tensor_free;

    TensorFunctions(SymbolLookup lookup, String library) {
        ov_tensor_create = new NativeFunction(lookup, library, "ov_tensor_create", FunctionDescriptor.of(C_INT, C_INT, OV_SHAPE, C_POINTER));
        ov_tensor_create_from_host_ptr = new NativeFunction(lookup, library, "ov_tensor_create_from_host_ptr", FunctionDescriptor.of(C_INT, C_INT, OV_SHAPE, C_POINTER, C_POINTER));
        ov_tensor_get_shape = new NativeFunction(lookup, library, "ov_tensor_get_shape", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
        ov_tensor_get_element_type = new NativeFunction(lookup, library, "ov_tensor_get_element_type", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
        ov_tensor_get_size = new NativeFunction(lookup, library, "ov_tensor_get_size", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
        ov_tensor_get_byte_size = new NativeFunction(lookup, library, "ov_tensor_get_byte_size", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
        ov_tensor_data = new NativeFunction(lookup, library, "ov_tensor_data", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
        ov_tensor_free = new NativeFunction(lookup, library, "ov_tensor_free", FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** The symbols this class binds, for presence checks. */
    public List<String> symbols() {
        return List.of("ov_tensor_create",
                "ov_tensor_create_from_host_ptr",
                "ov_tensor_get_shape",
                "ov_tensor_get_element_type",
                "ov_tensor_get_size",
                "ov_tensor_get_byte_size",
                "ov_tensor_data",
                "ov_tensor_free");
    }

    /** {@code ov_status_e ov_tensor_create(const ov_element_type_e type, const ov_shape_t shape, ov_tensor_t** tensor);} */
    public int ov_tensor_create(int type, MemorySegment shape, MemorySegment tensor) {
        try {
            return (int) ov_tensor_create.handle().invokeExact(type, shape, tensor);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_tensor_create_from_host_ptr(const ov_element_type_e type, const ov_shape_t shape, void* host_ptr, ov_tensor_t** tensor);} */
    public int ov_tensor_create_from_host_ptr(int type, MemorySegment shape, MemorySegment host_ptr, MemorySegment tensor) {
        try {
            return (int) ov_tensor_create_from_host_ptr.handle().invokeExact(type, shape, host_ptr, tensor);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_tensor_get_shape(const ov_tensor_t* tensor, ov_shape_t* shape);} */
    public int ov_tensor_get_shape(MemorySegment tensor, MemorySegment shape) {
        try {
            return (int) ov_tensor_get_shape.handle().invokeExact(tensor, shape);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_tensor_get_element_type(const ov_tensor_t* tensor, ov_element_type_e* type);} */
    public int ov_tensor_get_element_type(MemorySegment tensor, MemorySegment type) {
        try {
            return (int) ov_tensor_get_element_type.handle().invokeExact(tensor, type);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_tensor_get_size(const ov_tensor_t* tensor, size_t* elements_size);} */
    public int ov_tensor_get_size(MemorySegment tensor, MemorySegment elements_size) {
        try {
            return (int) ov_tensor_get_size.handle().invokeExact(tensor, elements_size);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_tensor_get_byte_size(const ov_tensor_t* tensor, size_t* byte_size);} */
    public int ov_tensor_get_byte_size(MemorySegment tensor, MemorySegment byte_size) {
        try {
            return (int) ov_tensor_get_byte_size.handle().invokeExact(tensor, byte_size);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_tensor_data(const ov_tensor_t* tensor, void** data);} */
    public int ov_tensor_data(MemorySegment tensor, MemorySegment data) {
        try {
            return (int) ov_tensor_data.handle().invokeExact(tensor, data);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code void ov_tensor_free(ov_tensor_t* tensor);} */
    public void ov_tensor_free(MemorySegment tensor) {
        try {
            ov_tensor_free.handle().invokeExact(tensor);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }
}
