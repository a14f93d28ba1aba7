// Written in the shape jextract generates: one holder per C function, C prototype in the Javadoc.
package dev.wuerstchen.backend.openvino.capi;

import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_INT;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_POINTER;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_SIZE_T;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.util.List;

/** Compiled models ({@code ov_compiled_model.h}). */
public final class CompiledModelFunctions {

    private final NativeFunction ov_compiled_model_inputs_size;
    private final NativeFunction ov_compiled_model_outputs_size;
    private final NativeFunction ov_compiled_model_input_by_index;
    private final NativeFunction ov_compiled_model_output_by_index;
    private final NativeFunction ov_compiled_model_create_infer_request;
    private final NativeFunction ov_compiled_model_get_property;
    private final NativeFunction ov_compiled_model_export_model;
    private final NativeFunction ov_compiled_model_free;

    CompiledModelFunctions(SymbolLookup lookup, String library) {
        ov_compiled_model_inputs_size = new NativeFunction(lookup, library, "ov_compiled_model_inputs_size", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
        ov_compiled_model_outputs_size = new NativeFunction(lookup, library, "ov_compiled_model_outputs_size", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
        ov_compiled_model_input_by_index = new NativeFunction(lookup, library, "ov_compiled_model_input_by_index", FunctionDescriptor.of(C_INT, C_POINTER, C_SIZE_T, C_POINTER));
        ov_compiled_model_output_by_index = new NativeFunction(lookup, library, "ov_compiled_model_output_by_index", FunctionDescriptor.of(C_INT, C_POINTER, C_SIZE_T, C_POINTER));
        ov_compiled_model_create_infer_request = new NativeFunction(lookup, library, "ov_compiled_model_create_infer_request", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
        ov_compiled_model_get_property = new NativeFunction(lookup, library, "ov_compiled_model_get_property", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER));
        ov_compiled_model_export_model = new NativeFunction(lookup, library, "ov_compiled_model_export_model", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
        ov_compiled_model_free = new NativeFunction(lookup, library, "ov_compiled_model_free", FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** The symbols this class binds, for presence checks. */
    public List<String> symbols() {
        return List.of("ov_compiled_model_inputs_size",
                "ov_compiled_model_outputs_size",
                "ov_compiled_model_input_by_index",
                "ov_compiled_model_output_by_index",
                "ov_compiled_model_create_infer_request",
                "ov_compiled_model_get_property",
                "ov_compiled_model_export_model",
                "ov_compiled_model_free");
    }

    /** {@code ov_status_e ov_compiled_model_inputs_size(const ov_compiled_model_t* compiled_model, size_t* size);} */
    public int ov_compiled_model_inputs_size(MemorySegment compiled_model, MemorySegment size) {
        try {
            return (int) ov_compiled_model_inputs_size.handle().invokeExact(compiled_model, size);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_compiled_model_outputs_size(const ov_compiled_model_t* compiled_model, size_t* size);} */
    public int ov_compiled_model_outputs_size(MemorySegment compiled_model, MemorySegment size) {
        try {
            return (int) ov_compiled_model_outputs_size.handle().invokeExact(compiled_model, size);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_compiled_model_input_by_index(const ov_compiled_model_t* compiled_model, const size_t index, ov_output_const_port_t** input_port);} */
    public int ov_compiled_model_input_by_index(MemorySegment compiled_model, long index, MemorySegment input_port) {
        try {
            return (int) ov_compiled_model_input_by_index.handle().invokeExact(compiled_model, index, input_port);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_compiled_model_output_by_index(const ov_compiled_model_t* compiled_model, const size_t index, ov_output_const_port_t** output_port);} */
    public int ov_compiled_model_output_by_index(MemorySegment compiled_model, long index, MemorySegment output_port) {
        try {
            return (int) ov_compiled_model_output_by_index.handle().invokeExact(compiled_model, index, output_port);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_compiled_model_create_infer_request(const ov_compiled_model_t* compiled_model, ov_infer_request_t** infer_request);} */
    public int ov_compiled_model_create_infer_request(MemorySegment compiled_model, MemorySegment infer_request) {
        try {
            return (int) ov_compiled_model_create_infer_request.handle().invokeExact(compiled_model, infer_request);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_compiled_model_get_property(const ov_compiled_model_t* compiled_model, const char* property_key, char** property_value);} */
    public int ov_compiled_model_get_property(MemorySegment compiled_model, MemorySegment property_key, MemorySegment property_value) {
        try {
            return (int) ov_compiled_model_get_property.handle().invokeExact(compiled_model, property_key, property_value);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_compiled_model_export_model(const ov_compiled_model_t* compiled_model, const char* export_model_path);} */
    public int ov_compiled_model_export_model(MemorySegment compiled_model, MemorySegment export_model_path) {
        try {
            return (int) ov_compiled_model_export_model.handle().invokeExact(compiled_model, export_model_path);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code void ov_compiled_model_free(ov_compiled_model_t* compiled_model);} */
    public void ov_compiled_model_free(MemorySegment compiled_model) {
        try {
            ov_compiled_model_free.handle().invokeExact(compiled_model);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }
}
