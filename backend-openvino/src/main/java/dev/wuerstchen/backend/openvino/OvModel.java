package dev.wuerstchen.backend.openvino;

import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_POINTER;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_SIZE_T;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.OV_PARTIAL_SHAPE;

import dev.wuerstchen.backend.openvino.capi.ModelFunctions;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model read by an {@link OvCore} ({@code ov_model_t}): its inputs and outputs, and reshaping
 * before compilation. The model may be closed once compiled; compiled models keep what they need.
 */
public final class OvModel extends NativeObject {

    private final OpenVinoRuntime rt;
    private final ModelFunctions f;
    private final SharedMemory weights;

    OvModel(OpenVinoRuntime rt, MemorySegment handle, String source, SharedMemory weights) {
        super("OpenVINO model " + source, handle);
        this.rt = rt;
        this.f = rt.c().model;
        this.weights = weights;
    }

    /** Weights memory the model reads without copying, or null. */
    SharedMemory weights() {
        return weights;
    }

    public List<OvPort> inputs() {
        MemorySegment h = handle();
        return Ports.list(rt, cell -> f.ov_model_inputs_size(h, cell), "ov_model_inputs_size",
                (i, cell) -> f.ov_model_const_input_by_index(h, i, cell), "ov_model_const_input_by_index");
    }

    public List<OvPort> outputs() {
        MemorySegment h = handle();
        return Ports.list(rt, cell -> f.ov_model_outputs_size(h, cell), "ov_model_outputs_size",
                (i, cell) -> f.ov_model_const_output_by_index(h, i, cell), "ov_model_const_output_by_index");
    }

    public boolean isDynamic() {
        return f.ov_model_is_dynamic(handle());
    }

    public String friendlyName() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocate(C_POINTER);
            rt.check(f.ov_model_get_friendly_name(handle(), cell), "ov_model_get_friendly_name");
            return rt.takeString(cell.get(C_POINTER, 0));
        }
    }

    /**
     * Gives inputs (by index) new shapes, in place, before compiling. The C API cannot express scalars or
     * a dynamic rank here (spec §A.5.6), so both are refused.
     */
    public void reshape(Map<Integer, PartialShape> shapes) {
        Map<Integer, PartialShape> sorted = new TreeMap<>(shapes);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment indexes = arena.allocate(C_SIZE_T, Math.max(sorted.size(), 1));
            MemorySegment array = arena.allocate(OV_PARTIAL_SHAPE, Math.max(sorted.size(), 1));
            int i = 0;
            for (Map.Entry<Integer, PartialShape> e : sorted.entrySet()) {
                checkReshapable(e.getValue(), "input #" + e.getKey());
                indexes.setAtIndex(C_SIZE_T, i, e.getKey());
                e.getValue().write(arena, array.asSlice(i * OV_PARTIAL_SHAPE.byteSize(), OV_PARTIAL_SHAPE));
                i++;
            }
            rt.check(f.ov_model_reshape_by_port_indexes(handle(), indexes, array, sorted.size()),
                    "ov_model_reshape_by_port_indexes");
        }
    }

    /** Reshapes the input with this tensor name (the partial shape is passed by value). */
    public void reshape(String tensorName, PartialShape shape) {
        checkReshapable(shape, "input '" + tensorName + "'");
        try (Arena arena = Arena.ofConfined()) {
            rt.check(f.ov_model_reshape_input_by_name(handle(), arena.allocateFrom(tensorName), shape.toNative(arena)),
                    "ov_model_reshape_input_by_name");
        }
    }

    private static void checkReshapable(PartialShape shape, String what) {
        if (shape.dynamicRank() || shape.dims().isEmpty()) {
            throw new IllegalArgumentException(what + ": the C API cannot reshape to " + shape
                    + " (a scalar or dynamic rank becomes a rank-1 shape); give at least one dimension");
        }
    }

    @Override
    void release(MemorySegment handle) {
        try {
            f.ov_model_free(handle);
        } finally {
            if (weights != null) {
                weights.release();
            }
        }
    }
}
