package dev.wuerstchen.backend.openvino;

import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_POINTER;

import dev.wuerstchen.backend.openvino.capi.CompiledModelFunctions;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

/** A model compiled for a device ({@code ov_compiled_model_t}); makes infer requests. */
public final class OvCompiledModel extends NativeObject {

    private final OpenVinoRuntime rt;
    private final CompiledModelFunctions f;
    private final String device;
    private final SharedMemory weights;

    OvCompiledModel(OpenVinoRuntime rt, MemorySegment handle, String source, String device, SharedMemory weights) {
        super("OpenVINO compiled model of " + source, handle);
        this.rt = rt;
        this.f = rt.c().compiledModel;
        this.device = device == null ? "the default device (AUTO)" : device;
        this.weights = weights;
    }

    public OpenVinoRuntime runtime() {
        return rt;
    }

    /** The device it was compiled for, as requested ({@code CPU}, {@code GPU.0}, ...). */
    public String device() {
        return device;
    }

    /** Inputs as the model declares them (element types and shapes are the model's, not the device's). */
    public List<OvPort> inputs() {
        MemorySegment h = handle();
        return Ports.list(rt, cell -> f.ov_compiled_model_inputs_size(h, cell), "ov_compiled_model_inputs_size",
                (i, cell) -> f.ov_compiled_model_input_by_index(h, i, cell), "ov_compiled_model_input_by_index");
    }

    public List<OvPort> outputs() {
        MemorySegment h = handle();
        return Ports.list(rt, cell -> f.ov_compiled_model_outputs_size(h, cell), "ov_compiled_model_outputs_size",
                (i, cell) -> f.ov_compiled_model_output_by_index(h, i, cell), "ov_compiled_model_output_by_index");
    }

    /** A new infer request; the caller owns and closes it (before this compiled model). */
    public OvInferRequest createInferRequest() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocate(C_POINTER);
            rt.check(f.ov_compiled_model_create_infer_request(handle(), cell), "ov_compiled_model_create_infer_request");
            return new OvInferRequest(rt, cell.get(C_POINTER, 0), toString());
        }
    }

    /** A property of the compiled model, for example {@code INFERENCE_PRECISION_HINT}. */
    public String property(String key) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocate(C_POINTER);
            rt.check(f.ov_compiled_model_get_property(handle(), arena.allocateFrom(key), cell),
                    "ov_compiled_model_get_property");
            return rt.takeString(cell.get(C_POINTER, 0));
        }
    }

    /** Writes a device- and version-specific blob for {@link OvCore#importModel(Path, String)}. */
    public void exportTo(Path file) {
        try (Arena arena = Arena.ofConfined()) {
            rt.check(f.ov_compiled_model_export_model(handle(), arena.allocateFrom(file.toString())),
                    "ov_compiled_model_export_model");
        }
    }

    @Override
    void release(MemorySegment handle) {
        try {
            f.ov_compiled_model_free(handle);
        } finally {
            if (weights != null) {
                weights.release();
            }
        }
    }
}
