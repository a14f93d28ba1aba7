// Written in the shape jextract generates: one holder per C function, C prototype in the Javadoc.
package dev.wuerstchen.backend.openvino.capi;

import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_INT;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_POINTER;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.util.List;

/** Error texts, memory release and the runtime version ({@code ov_common.h}, {@code ov_core.h}). */
public final class CommonFunctions {

    private final NativeFunction ov_get_last_err_msg;
    private final NativeFunction ov_free;
    private final NativeFunction ov_get_error_info;
    private final NativeFunction ov_get_openvino_version;
    private final NativeFunction ov_version_free;

    CommonFunctions(SymbolLookup lookup, String library) {
        ov_get_last_err_msg = new NativeFunction(lookup, library, "ov_get_last_err_msg", FunctionDescriptor.of(C_POINTER));
        ov_free = new NativeFunction(lookup, library, "ov_free", FunctionDescriptor.ofVoid(C_POINTER));
        ov_get_error_info = new NativeFunction(lookup, library, "ov_get_error_info", FunctionDescriptor.of(C_POINTER, C_INT));
        ov_get_openvino_version = new NativeFunction(lookup, library, "ov_get_openvino_version", FunctionDescriptor.of(C_INT, C_POINTER));
        ov_version_free = new NativeFunction(lookup, library, "ov_version_free", FunctionDescriptor.ofVoid(C_POINTER));
    }

    /** The symbols this class binds, for presence checks. */
    public List<String> symbols() {
        return List.of("ov_get_last_err_msg",
                "ov_free",
                "ov_get_error_info",
                "ov_get_openvino_version",
                "ov_version_free");
    }

    /** {@code const char* ov_get_last_err_msg();} */
    public MemorySegment ov_get_last_err_msg() {
        try {
            return (MemorySegment) ov_get_last_err_msg.handle().invokeExact();
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code void ov_free(const char* content);} */
    public void ov_free(MemorySegment content) {
        try {
            ov_free.handle().invokeExact(content);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code const char* ov_get_error_info(ov_status_e status);} */
    public MemorySegment ov_get_error_info(int status) {
        try {
            return (MemorySegment) ov_get_error_info.handle().invokeExact(status);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code ov_status_e ov_get_openvino_version(ov_version_t* version);} */
    public int ov_get_openvino_version(MemorySegment version) {
        try {
            return (int) ov_get_openvino_version.handle().invokeExact(version);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code void ov_version_free(ov_version_t* version);} */
    public void ov_version_free(MemorySegment version) {
        try {
            ov_version_free.handle().invokeExact(version);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }
}
