// Written in the shape jextract generates: one holder per C function, C prototype in the Javadoc.
package dev.wuerstchen.backend.openvino.capi;

import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_BOOL;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_INT;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_POINTER;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.OV_DIMENSION;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.OV_PARTIAL_SHAPE;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.util.List;

/** Shapes, partial shapes and dimensions ({@code ov_shape.h}, {@code ov_partial_shape.h}, {@code ov_dimension.h}). */
public final class ShapeFunctions {

    private final NativeFunction ov_shape_free;
    private final NativeFunction ov_partial_shape_free;
    private final NativeFunction ov_partial_shape_is_dynamic;
    private final NativeFunction ov_partial_shape_to_string;
    private final NativeFunction ov_dimension_is_dynamic;

    ShapeFunctions(SymbolLookup lookup, String library) {
        ov_shape_free = new NativeFunction(lookup, library, "ov_shape_free", FunctionDescriptor.of(C_INT, C_POINTER));
        ov_partial_shape_free = new NativeFunction(lookup, library, "ov_partial_shape_free", FunctionDescriptor.ofVoid(C_POINTER));
        ov_partial_shape_is_dynamic = new NativeFunction(lookup, library, "ov_partial_shape_is_dynamic", FunctionDescriptor.of(C_BOOL, OV_PARTIAL_SHAPE));
        ov_partial_shape_to_string = new NativeFunction(lookup, library, "ov_partial_shape_to_string", FunctionDescriptor.of(C_POINTER, OV_PARTIAL_SHAPE));
        ov_dimension_is_dynamic = new NativeFunction(lookup, library, "ov_dimension_is_dynamic", FunctionDescriptor.of(C_BOOL, OV_DIMENSION));
    }

    /** The symbols this class binds, for presence checks. */
    public List<String> symbols() {
        return List.of("ov_shape_free",
                "ov_partial_shape_free",
                "ov_partial_shape_is_dynamic",
                "ov_partial_shape_to_string",
                "ov_dimension_is_dynamic");
    }

    /** {@code ov_status_e ov_shape_free(ov_shape_t* shape);} */
    public int ov_shape_free(MemorySegment shape) {
        try {
            return (int) ov_shape_free.handle().invokeExact(shape);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code void ov_partial_shape_free(ov_partial_shape_t* partial_shape);} */
    public void ov_partial_shape_free(MemorySegment partial_shape) {
        try {
            ov_partial_shape_free.handle().invokeExact(partial_shape);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code bool ov_partial_shape_is_dynamic(const ov_partial_shape_t partial_shape);} */
    public boolean ov_partial_shape_is_dynamic(MemorySegment partial_shape) {
        try {
            return (boolean) ov_partial_shape_is_dynamic.handle().invokeExact(partial_shape);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code const char* ov_partial_shape_to_string(const ov_partial_shape_t partial_shape);} */
    public MemorySegment ov_partial_shape_to_string(MemorySegment partial_shape) {
        try {
            return (MemorySegment) ov_partial_shape_to_string.handle().invokeExact(partial_shape);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }

    /** {@code bool ov_dimension_is_dynamic(const ov_dimension_t dim);} */
    public boolean ov_dimension_is_dynamic(MemorySegment dim) {
        try {
            return (boolean) ov_dimension_is_dynamic.handle().invokeExact(dim);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }
}
