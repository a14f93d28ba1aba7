// Written in the shape jextract generates: one holder per C function, C prototype in the Javadoc.
package dev.wuerstchen.backend.openvino.capi;

import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_INT;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_POINTER;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_SIZE_T;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.util.List;

/** The core: devices, properties, reading and compiling models ({@code ov_core.h}). */
public final class CoreFunctions {

    private final NativeFunction ov_core_create;
    private final NativeFunction ov_core_free;
    private final NativeFunction ov_core_get_available_devices;
    private final NativeFunction ov_available_devices_free;
    private final NativeFunction ov_core_get_property;
    private final VariadicFunction ov_core_set_property;
    private final NativeFunction ov_core_read_model;
    private final NativeFunction ov_core_read_model_from_memory_buffer;
    private final VariadicFunction ov_core_compile_model;
    private final VariadicFunction ov_core_compile_model_from_file;
    private final NativeFunction ov_core_import_model;

    CoreFunctions(SymbolLookup lookup, String library) {
        ov_core_create = new NativeFunction(lookup, library, "ov_core_create", FunctionDescriptor.of(C_INT, C_POINTER));
        ov_core_free = new NativeFunction(lookup, library, "ov_core_free", FunctionDescriptor.ofVoid(C_POINTER));
        ov_core_get_available_devices = new NativeFunction(lookup, library, "ov_core_get_available_devices", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
        ov_available_devices_free = new NativeFunction(lookup, library, "ov_available_devices_free", FunctionDescriptor.ofVoid(C_POINTER));
        ov_core_get_property = new NativeFunction(lookup, library, "ov_core_get_property", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER, C_POINTER));
        ov_core_set_property = new VariadicFunction(lookup, library, "ov_core_set_property", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER));
        ov_core_read_model = new NativeFunction(lookup, library, "ov_core_read_model", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER, C_POINTER));
        ov_core_read_model_from_memory_buffer = new NativeFunction(lookup, library, "ov_core_read_model_from_memory_buffer", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_SIZE_T, C_POINTER, C_POINTER));
        ov_core_compile_model = new VariadicFunction(lookup, library, "ov_core_compile_model", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER, C_SIZE_T, C_POINTER));
        ov_core_compile_model_from_file = new VariadicFunction(lookup, library, "ov_core_compile_model_from_file", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER, C_SIZE_T, C_POINTER));
        ov_core_import_model = new NativeFunction(lookup, library, "ov_core_import_model", FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_SIZE_T, C_POINTER, C_POINTER));
    }

    /** The symbols this class binds, for presence checks. */
    public List<String> symbols() {
        return List.of("ov_core_create",
                "ov_core_free",
                "ov_core_get_available_devices",
                "ov_available_devices_free",
                "ov_core_get_property",
                "ov_core_set_property",
                "ov_core_read_model",
                "ov_core_read_model_from_memory_buffer",
                "ov_core_compile_model",
                "ov_core_compile_model_from_file",
                "ov_core_import_model");
    }

    /** {@code ov_status_e ov_core_create(ov_core_t** core);} */
    public int ov_core_create(MemorySegment core) {
        try {
            return (int) ov_core_create.handle().invokeExact(core);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code void ov_core_free(ov_core_t* core);} */
    public void ov_core_free(MemorySegment core) {
        try {
            ov_core_free.handle().invokeExact(core);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_core_get_available_devices(const ov_core_t* core, ov_available_devices_t* devices);} */
    public int ov_core_get_available_devices(MemorySegment core, MemorySegment devices) {
        try {
            return (int) ov_core_get_available_devices.handle().invokeExact(core, devices);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code void ov_available_devices_free(ov_available_devices_t* devices);} */
    public void ov_available_devices_free(MemorySegment devices) {
        try {
            ov_available_devices_free.handle().invokeExact(devices);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_core_get_property(const ov_core_t* core, const char* device_name, const char* property_key, char** property_value);} */
    public int ov_core_get_property(MemorySegment core, MemorySegment device_name, MemorySegment property_key, MemorySegment property_value) {
        try {
            return (int) ov_core_get_property.handle().invokeExact(core, device_name, property_key, property_value);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /**
     * {@code ov_status_e ov_core_set_property(const ov_core_t* core, const char* device_name, ...);}
     *
     * <p>{@code keys_and_values} are the variadic {@code char*} arguments, key, value, key, value ...
     */
    public int ov_core_set_property(MemorySegment core, MemorySegment device_name, MemorySegment... keys_and_values) {
        return ov_core_set_property.invokeStatus(new Object[] {core, device_name}, keys_and_values);
    }

    /** {@code ov_status_e ov_core_read_model(const ov_core_t* core, const char* model_path, const char* bin_path, ov_model_t** model);} */
    public int ov_core_read_model(MemorySegment core, MemorySegment model_path, MemorySegment bin_path, MemorySegment model) {
        try {
            return (int) ov_core_read_model.handle().invokeExact(core, model_path, bin_path, model);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_core_read_model_from_memory_buffer(const ov_core_t* core, const char* model_str, const size_t str_len, const ov_tensor_t* weights, ov_model_t** model);} */
    public int ov_core_read_model_from_memory_buffer(MemorySegment core, MemorySegment model_str, long str_len, MemorySegment weights, MemorySegment model) {
        try {
            return (int) ov_core_read_model_from_memory_buffer.handle().invokeExact(core, model_str, str_len, weights, model);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /**
     * {@code ov_status_e ov_core_compile_model(const ov_core_t* core, const ov_model_t* model, const char* device_name, const size_t property_args_size, ov_compiled_model_t** compiled_model, ...);}
     *
     * <p>{@code keys_and_values} are the variadic {@code char*} arguments, key, value, key, value ...
     */
    public int ov_core_compile_model(MemorySegment core, MemorySegment model, MemorySegment device_name, long property_args_size, MemorySegment compiled_model, MemorySegment... keys_and_values) {
        return ov_core_compile_model.invokeStatus(new Object[] {core, model, device_name, property_args_size, compiled_model}, keys_and_values);
    }

    /**
     * {@code ov_status_e ov_core_compile_model_from_file(const ov_core_t* core, const char* model_path, const char* device_name, const size_t property_args_size, ov_compiled_model_t** compiled_model, ...);}
     *
     * <p>{@code keys_and_values} are the variadic {@code char*} arguments, key, value, key, value ...
     */
    public int ov_core_compile_model_from_file(MemorySegment core, MemorySegment model_path, MemorySegment device_name, long property_args_size, MemorySegment compiled_model, MemorySegment... keys_and_values) {
        return ov_core_compile_model_from_file.invokeStatus(new Object[] {core, model_path, device_name, property_args_size, compiled_model}, keys_and_values);
    }

    /** {@code ov_status_e ov_core_import_model(const ov_core_t* core, const char* content, const size_t content_size, const char* device_name, ov_compiled_model_t** compiled_model);} */
    public int ov_core_import_model(MemorySegment core, MemorySegment content, long content_size, MemorySegment device_name, MemorySegment compiled_model) {
        try {
            return (int) ov_core_import_model.handle().invokeExact(core, content, content_size, device_name, compiled_model);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }
}
