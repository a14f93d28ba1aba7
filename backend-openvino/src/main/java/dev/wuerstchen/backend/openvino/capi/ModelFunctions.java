// Written in the shape jextract generates: one holder per C function, C prototype in the Javadoc.
package dev.wuerstchen.backend.openvino.capi;

import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_BOOL;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_INT;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_POINTER;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_SIZE_T;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.OV_PARTIAL_SHAPE;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.util.List;

/** Models, their ports and reshaping ({@code ov_model.h}, {@code ov_node.h}). */
public final class ModelFunctions {

    private final NativeFunction ov_model_inputs_size;
    private final NativeFunction ov_model_outputs_size;
    private final NativeFunction ov_model_const_input_by_index;
    private final NativeFunction ov_model_const_output_by_index;
    private final NativeFunction ov_model_is_dynamic;
    private final NativeFunction ov_model_get_friendly_name;
    private final NativeFunction ov_model_reshape_by_port_indexes;
    private final NativeFunction ov_model_reshape_input_by_name;
    private final NativeFunction ov_model_free;
    private final NativeFunction ov_port_get_any_name;
    private final NativeFunction ov_port_get_element_type;
    private final NativeFunction ov_port_get_partial_shape;
    private final NativeFunction ov_const_port_get_shape;
    private final NativeFunction ov_output_const_port_free;

    ModelFunctions(SymbolLookup lookup, String library) {
        ov_model_inputs_size = new NativeFunction(lookup, library, "ov_model_inputs_size", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
        ov_model_outputs_size = new NativeFunction(lookup, library, "ov_model_outputs_size", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
        ov_model_const_input_by_index = new NativeFunction(lookup, library, "ov_model_const_input_by_index", FunctionDescriptor.of(C_INT, C_POINTER, C_SIZE_T, C_POINTER));
        ov_model_const_output_by_index = new NativeFunction(lookup, library, "ov_model_const_output_by_index", FunctionDescriptor.of(C_INT, C_POINTER, C_SIZE_T, C_POINTER));
        ov_model_is_dynamic = new NativeFunction(lookup, library, "ov_model_is_dynamic", FunctionDescriptor.of(C_BOOL, C_POINTER));
        ov_model_get_friendly_name = new NativeFunction(lookup, library, "ov_model_get_friendly_name", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
        ov_model_reshape_by_port_indexes = new NativeFunction(lookup, library, "ov_model_reshape_by_port_indexes", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER, C_SIZE_T));
        ov_model_reshape_input_by_name = new NativeFunction(lookup, library, "ov_model_reshape_input_by_name", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, OV_PARTIAL_SHAPE));
        ov_model_free = new NativeFunction(lookup, library, "ov_model_free", FunctionDescriptor.ofVoid(C_POINTER));
        ov_port_get_any_name = new NativeFunction(lookup, library, "ov_port_get_any_name", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
        ov_port_get_element_type = new NativeFunction(lookup, library, "ov_port_get_element_type", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
        ov_port_get_partial_shape = new NativeFunction(lookup, library, "ov_port_get_partial_shape", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
        ov_const_port_get_shape = new NativeFunction(lookup, library, "ov_const_port_get_shape", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
        ov_output_const_port_free = new NativeFunction(lookup, library, "ov_output_const_port_free", FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** The symbols this class binds, for presence checks. */
    public List<String> symbols() {
        return List.of("ov_model_inputs_size",
                "ov_model_outputs_size",
                "ov_model_const_input_by_index",
                "ov_model_const_output_by_index",
                "ov_model_is_dynamic",
                "ov_model_get_friendly_name",
                "ov_model_reshape_by_port_indexes",
                "ov_model_reshape_input_by_name",
                "ov_model_free",
                "ov_port_get_any_name",
                "ov_port_get_element_type",
                "ov_port_get_partial_shape",
                "ov_const_port_get_shape",
                "ov_output_const_port_free");
    }

    /** {@code ov_status_e ov_model_inputs_size(const ov_model_t* model, size_t* input_size);} */
    public int ov_model_inputs_size(MemorySegment model, MemorySegment input_size) {
        try {
            return (int) ov_model_inputs_size.handle().invokeExact(model, input_size);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_model_outputs_size(const ov_model_t* model, size_t* output_size);} */
    public int ov_model_outputs_size(MemorySegment model, MemorySegment output_size) {
        try {
            return (int) ov_model_outputs_size.handle().invokeExact(model, output_size);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_model_const_input_by_index(const ov_model_t* model, const size_t index, ov_output_const_port_t** input_port);} */
    public int ov_model_const_input_by_index(MemorySegment model, long index, MemorySegment input_port) {
        try {
            return (int) ov_model_const_input_by_index.handle().invokeExact(model, index, input_port);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_model_const_output_by_index(const ov_model_t* model, const size_t index, ov_output_const_port_t** output_port);} */
    public int ov_model_const_output_by_index(MemorySegment model, long index, MemorySegment output_port) {
        try {
            return (int) ov_model_const_output_by_index.handle().invokeExact(model, index, output_port);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code bool ov_model_is_dynamic(const ov_model_t* model);} */
    public boolean ov_model_is_dynamic(MemorySegment model) {
        try {
            return (boolean) ov_model_is_dynamic.handle().invokeExact(model);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_model_get_friendly_name(const ov_model_t* model, char** friendly_name);} */
    public int ov_model_get_friendly_name(MemorySegment model, MemorySegment friendly_name) {
        try {
            return (int) ov_model_get_friendly_name.handle().invokeExact(model, friendly_name);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_model_reshape_by_port_indexes(const ov_model_t* model, const size_t* port_indexes, const ov_partial_shape_t* partial_shape, size_t size);} */
    public int ov_model_reshape_by_port_indexes(MemorySegment model, MemorySegment port_indexes, MemorySegment partial_shape, long size) {
        try {
            return (int) ov_model_reshape_by_port_indexes.handle().invokeExact(model, port_indexes, partial_shape, size);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_model_reshape_input_by_name(const ov_model_t* model, const char* tensor_name, const ov_partial_shape_t partial_shape);} */
    public int ov_model_reshape_input_by_name(MemorySegment model, MemorySegment tensor_name, MemorySegment partial_shape) {
        try {
            return (int) ov_model_reshape_input_by_name.handle().invokeExact(model, tensor_name, partial_shape);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code void ov_model_free(ov_model_t* model);} */
    public void ov_model_free(MemorySegment model) {
        try {
            ov_model_free.handle().invokeExact(model);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_port_get_any_name(const ov_output_const_port_t* port, char** tensor_name);} */
    public int ov_port_get_any_name(MemorySegment port, MemorySegment tensor_name) {
        try {
            return (int) ov_port_get_any_name.handle().invokeExact(port, tensor_name);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_port_get_element_type(const ov_output_const_port_t* port, ov_element_type_e* tensor_type);} */
    public int ov_port_get_element_type(MemorySegment port, MemorySegment tensor_type) {
        try {
            return (int) ov_port_get_element_type.handle().invokeExact(port, tensor_type);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_port_get_partial_shape(const ov_output_const_port_t* port, ov_partial_shape_t* partial_shape);} */
    public int ov_port_get_partial_shape(MemorySegment port, MemorySegment partial_shape) {
        try {
            return (int) ov_port_get_partial_shape.handle().invokeExact(port, partial_shape);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_const_port_get_shape(const ov_output_const_port_t* port, ov_shape_t* tensor_shape);} */
    public int ov_const_port_get_shape(MemorySegment port, MemorySegment tensor_shape) {
        try {
            return (int) ov_const_port_get_shape.handle().invokeExact(port, tensor_shape);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code void ov_output_const_port_free(ov_output_const_port_t* port);} */
    public void ov_output_const_port_free(MemorySegment port) {
        try {
            ov_output_const_port_free.handle().invokeExact(port);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }
}
