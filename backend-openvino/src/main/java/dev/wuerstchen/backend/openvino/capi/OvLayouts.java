package dev.wuerstchen.backend.openvino.capi;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * C type layouts of the OpenVINO C API on LP64 Linux (spec §A.2.1–§A.2.2). Opaque handles
 * ({@code ov_core_t*}, {@code ov_model_t*}, {@code ov_output_const_port_t*}, ...) are {@link #C_POINTER}
 * and are never dereferenced.
 */
public final class OvLayouts {

    private OvLayouts() {
    }

    /** {@code ov_status_e}, {@code ov_element_type_e} and other enums. */
    public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    /** {@code size_t}, taken from the platform linker. */
    public static final ValueLayout.OfLong C_SIZE_T =
            (ValueLayout.OfLong) Linker.nativeLinker().canonicalLayouts().get("size_t");
    /** {@code int64_t}. */
    public static final ValueLayout.OfLong C_INT64 = ValueLayout.JAVA_LONG;
    /** C {@code bool} (one byte). */
    public static final ValueLayout.OfBoolean C_BOOL = ValueLayout.JAVA_BOOLEAN;
    /** Any pointer, {@code char*}, opaque handle. */
    public static final AddressLayout C_POINTER = ValueLayout.ADDRESS;

    /** {@code typedef struct ov_dimension { int64_t min; int64_t max; } ov_dimension_t;} — 16 bytes. */
    public static final StructLayout OV_DIMENSION = MemoryLayout.structLayout(
            C_INT64.withName("min"), C_INT64.withName("max")).withName("ov_dimension_t");
    /** {@code typedef ov_dimension_t ov_rank_t;} */
    public static final StructLayout OV_RANK = OV_DIMENSION.withName("ov_rank_t");
    /** {@code typedef struct { int64_t rank; int64_t* dims; } ov_shape_t;} — 16 bytes. */
    public static final StructLayout OV_SHAPE = MemoryLayout.structLayout(
            C_INT64.withName("rank"), C_POINTER.withName("dims")).withName("ov_shape_t");
    /** {@code typedef struct ov_partial_shape { ov_rank_t rank; ov_dimension_t* dims; } ov_partial_shape_t;} — 24 bytes. */
    public static final StructLayout OV_PARTIAL_SHAPE = MemoryLayout.structLayout(
            OV_RANK.withName("rank"), C_POINTER.withName("dims")).withName("ov_partial_shape_t");
    /** {@code typedef struct ov_version { const char* buildNumber; const char* description; } ov_version_t;} */
    public static final StructLayout OV_VERSION = MemoryLayout.structLayout(
            C_POINTER.withName("buildNumber"), C_POINTER.withName("description")).withName("ov_version_t");
    /** {@code typedef struct { const char* device_name; ov_version_t version; } ov_core_version_t;} */
    public static final StructLayout OV_CORE_VERSION = MemoryLayout.structLayout(
            C_POINTER.withName("device_name"), OV_VERSION.withName("version")).withName("ov_core_version_t");
    /** {@code typedef struct { ov_core_version_t* versions; size_t size; } ov_core_version_list_t;} */
    public static final StructLayout OV_CORE_VERSION_LIST = MemoryLayout.structLayout(
            C_POINTER.withName("versions"), C_SIZE_T.withName("size")).withName("ov_core_version_list_t");
    /** {@code typedef struct { char** devices; size_t size; } ov_available_devices_t;} — 16 bytes. */
    public static final StructLayout OV_AVAILABLE_DEVICES = MemoryLayout.structLayout(
            C_POINTER.withName("devices"), C_SIZE_T.withName("size")).withName("ov_available_devices_t");
    /** {@code typedef struct { void (*callback_func)(void* args); void* args; } ov_callback_t;} */
    public static final StructLayout OV_CALLBACK = MemoryLayout.structLayout(
            C_POINTER.withName("callback_func"), C_POINTER.withName("args")).withName("ov_callback_t");
    /** {@code ov_profiling_info_t} — 48 bytes (an int status, padding, two int64 times, three strings). */
    public static final StructLayout OV_PROFILING_INFO = MemoryLayout.structLayout(
            C_INT.withName("status"), MemoryLayout.paddingLayout(4),
            C_INT64.withName("real_time"), C_INT64.withName("cpu_time"),
            C_POINTER.withName("node_name"), C_POINTER.withName("exec_type"),
            C_POINTER.withName("node_type")).withName("ov_profiling_info_t");
    /** {@code typedef struct { ov_profiling_info_t* profiling_infos; size_t size; } ov_profiling_info_list_t;} */
    public static final StructLayout OV_PROFILING_INFO_LIST = MemoryLayout.structLayout(
            C_POINTER.withName("profiling_infos"), C_SIZE_T.withName("size")).withName("ov_profiling_info_list_t");

    public static final long DIMENSION_MIN = OV_DIMENSION.byteOffset(groupElement("min"));
    public static final long DIMENSION_MAX = OV_DIMENSION.byteOffset(groupElement("max"));
    public static final long SHAPE_RANK = OV_SHAPE.byteOffset(groupElement("rank"));
    public static final long SHAPE_DIMS = OV_SHAPE.byteOffset(groupElement("dims"));
    public static final long PARTIAL_SHAPE_RANK = OV_PARTIAL_SHAPE.byteOffset(groupElement("rank"));
    public static final long PARTIAL_SHAPE_DIMS = OV_PARTIAL_SHAPE.byteOffset(groupElement("dims"));
    public static final long VERSION_BUILD_NUMBER = OV_VERSION.byteOffset(groupElement("buildNumber"));
    public static final long VERSION_DESCRIPTION = OV_VERSION.byteOffset(groupElement("description"));
    public static final long AVAILABLE_DEVICES_DEVICES = OV_AVAILABLE_DEVICES.byteOffset(groupElement("devices"));
    public static final long AVAILABLE_DEVICES_SIZE = OV_AVAILABLE_DEVICES.byteOffset(groupElement("size"));
}
