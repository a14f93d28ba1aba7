package dev.wuerstchen.backend.openvino;

import static dev.wuerstchen.backend.openvino.capi.OvLayouts.AVAILABLE_DEVICES_DEVICES;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.AVAILABLE_DEVICES_SIZE;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_POINTER;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_SIZE_T;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.OV_AVAILABLE_DEVICES;

import dev.wuerstchen.api.error.NativeCallException;
import dev.wuerstchen.backend.openvino.capi.CoreFunctions;
import dev.wuerstchen.backend.openvino.capi.OvPropertyKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An OpenVINO core ({@code ov_core_t}): devices, properties, reading and compiling models. Every
 * method that returns an {@link AutoCloseable} hands ownership to the caller.
 */
public final class OvCore extends NativeObject {

    private final OpenVinoRuntime rt;
    private final CoreFunctions f;

    private OvCore(OpenVinoRuntime rt, MemorySegment handle) {
        super("OpenVINO core", handle);
        this.rt = rt;
        this.f = rt.c().core;
    }

    static OvCore create(OpenVinoRuntime rt) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocate(C_POINTER);
            rt.check(rt.c().core.ov_core_create(cell), "ov_core_create");
            return new OvCore(rt, cell.get(C_POINTER, 0));
        }
    }

    public OpenVinoRuntime runtime() {
        return rt;
    }

    /** Device names such as {@code CPU}, {@code GPU.0}, {@code NPU}. */
    public List<String> availableDevices() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment list = arena.allocate(OV_AVAILABLE_DEVICES);
            rt.check(f.ov_core_get_available_devices(handle(), list), "ov_core_get_available_devices");
            try {
                long n = list.get(C_SIZE_T, AVAILABLE_DEVICES_SIZE);
                MemorySegment names = list.get(C_POINTER, AVAILABLE_DEVICES_DEVICES).reinterpret(n * C_POINTER.byteSize());
                List<String> out = new ArrayList<>();
                for (long i = 0; i < n; i++) {
                    out.add(OpenVinoRuntime.string(names.getAtIndex(C_POINTER, i)));
                }
                return List.copyOf(out);
            } finally {
                f.ov_available_devices_free(list);
            }
        }
    }

    /** A property of a device as a string (for example {@code FULL_DEVICE_NAME}). */
    public String property(String device, String key) {
        if (device == null) {
            // OpenVINO turns the name into a std::string without a NULL check (spec §A.5.1)
            throw new IllegalArgumentException("reading property " + key + " needs a device name, e.g. CPU");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocate(C_POINTER);
            rt.check(f.ov_core_get_property(handle(), arena.allocateFrom(device), arena.allocateFrom(key), cell),
                    "ov_core_get_property");
            return rt.takeString(cell.get(C_POINTER, 0));
        }
    }

    /** The device's marketing name, for example {@code Intel(R) Core(TM) i7-1185G7 @ 3.00GHz}. */
    public String fullDeviceName(String device) {
        return property(device, OvPropertyKeys.FULL_DEVICE_NAME);
    }

    /**
     * Sets one property; {@code device} null sets a core-wide one (such as {@code CACHE_DIR}). The C
     * function reads exactly one key/value pair per call (spec §A.5.1).
     */
    public void setProperty(String device, String key, String value) {
        try (Arena arena = Arena.ofConfined()) {
            rt.check(f.ov_core_set_property(handle(), device == null ? MemorySegment.NULL : arena.allocateFrom(device),
                    arena.allocateFrom(key), arena.allocateFrom(value)), "ov_core_set_property");
        }
    }

    /**
     * Reads a model file (IR {@code .xml}, ONNX, ...). For IR, {@code weights} null means the {@code .bin}
     * beside it.
     */
    public OvModel readModel(Path model, Path weights) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocate(C_POINTER);
            try {
                rt.check(f.ov_core_read_model(handle(), arena.allocateFrom(model.toString()),
                        weights == null ? MemorySegment.NULL : arena.allocateFrom(weights.toString()), cell),
                        "ov_core_read_model");
            } catch (NativeCallException e) {
                throw e.in(model.toString(), READ_FIX);
            }
            return new OvModel(rt, cell.get(C_POINTER, 0), model.getFileName().toString(), null);
        }
    }

    /**
     * Reads a model from memory (IR XML text and its weights). The weights are copied once into native
     * memory that the model, and every model compiled from it, keep alive (OpenVINO does not copy them).
     */
    public OvModel readModel(byte[] model, byte[] weights) {
        if (model.length == 0) {
            throw new IllegalArgumentException("the model text is empty");
        }
        SharedMemory w = weights == null ? null : SharedMemory.copyOf(weights);
        try (Arena arena = Arena.ofConfined();
                OvTensor weightsTensor = w == null ? null
                        : OvTensor.fromHost(rt, ElementType.I8, new long[] {weights.length}, w)) {
            MemorySegment text = arena.allocate(model.length);
            MemorySegment.copy(MemorySegment.ofArray(model), 0, text, 0, model.length);
            MemorySegment cell = arena.allocate(C_POINTER);
            try {
                rt.check(f.ov_core_read_model_from_memory_buffer(handle(), text, model.length,
                        weightsTensor == null ? MemorySegment.NULL : weightsTensor.handle(), cell),
                        "ov_core_read_model_from_memory_buffer");
            } catch (NativeCallException e) {
                throw e.in("a model of " + model.length + " bytes in memory", READ_FIX);
            }
            return new OvModel(rt, cell.get(C_POINTER, 0), "model from memory", w == null ? null : w.retain());
        } finally {
            if (w != null) {
                w.close();
            }
        }
    }

    /** Compiles a model for a device ({@code null} lets OpenVINO choose, i.e. AUTO). */
    public OvCompiledModel compile(OvModel model, String device, CompileProperties properties) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocate(C_POINTER);
            MemorySegment[] kv = pairs(arena, properties);
            try {
                rt.check(f.ov_core_compile_model(handle(), model.handle(), deviceArg(arena, device), kv.length, cell, kv),
                        "ov_core_compile_model");
            } catch (NativeCallException e) {
                throw e.in(compiling(model.toString(), device, properties), compileFix(device));
            }
            SharedMemory weights = model.weights();
            return new OvCompiledModel(rt, cell.get(C_POINTER, 0), model.toString(), device, weights == null ? null
                    : weights.retain());
        }
    }

    /** Reads and compiles a model file in one call (with {@code CACHE_DIR} set, a cached blob may skip reading). */
    public OvCompiledModel compile(Path modelFile, String device, CompileProperties properties) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocate(C_POINTER);
            MemorySegment[] kv = pairs(arena, properties);
            try {
                rt.check(f.ov_core_compile_model_from_file(handle(), arena.allocateFrom(modelFile.toString()),
                        deviceArg(arena, device), kv.length, cell, kv), "ov_core_compile_model_from_file");
            } catch (NativeCallException e) {
                throw e.in(compiling(modelFile.toString(), device, properties), compileFix(device)
                        + "; if the file itself is damaged, delete it and it is exported again");
            }
            return new OvCompiledModel(rt, cell.get(C_POINTER, 0), modelFile.getFileName().toString(), device, null);
        }
    }

    /** Imports a blob written by {@link OvCompiledModel#exportTo(Path)} (same device and OpenVINO version). */
    public OvCompiledModel importModel(Path blob, String device) {
        if (device == null) {
            throw new IllegalArgumentException(blob + ": importing a compiled model needs the device it was exported for");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(blob);
        } catch (IOException e) {
            throw new UncheckedIOException(blob + ": cannot read the exported model", e);
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException(blob + ": the exported model is empty");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment content = arena.allocate(bytes.length);
            MemorySegment.copy(MemorySegment.ofArray(bytes), 0, content, 0, bytes.length);
            MemorySegment cell = arena.allocate(C_POINTER);
            rt.check(f.ov_core_import_model(handle(), content, bytes.length, arena.allocateFrom(device), cell),
                    "ov_core_import_model");
            return new OvCompiledModel(rt, cell.get(C_POINTER, 0), blob.getFileName().toString(), device, null);
        }
    }

    private static final String READ_FIX = "Check that the file is a complete IR (.xml with its .bin beside it) or ONNX "
            + "model, and that 'wuerstchen info' shows no missing OpenVINO frontend (libopenvino_ir_frontend, "
            + "libopenvino_onnx_frontend) for this installation";

    private static String compiling(String model, String device, CompileProperties properties) {
        return model + " on " + (device == null ? "the default device (AUTO)" : "device " + device)
                + (properties.size() == 0 ? "" : " with " + properties.values());
    }

    private static String compileFix(String device) {
        return "Check that 'wuerstchen info' lists " + (device == null ? "a device" : "the device " + device)
                + " for openvino (names such as CPU, GPU.0, NPU, AUTO) and that it accepts the properties given";
    }

    private static MemorySegment deviceArg(Arena arena, String device) {
        return device == null ? MemorySegment.NULL : arena.allocateFrom(device, StandardCharsets.UTF_8);
    }

    private static MemorySegment[] pairs(Arena arena, CompileProperties properties) {
        MemorySegment[] kv = new MemorySegment[2 * properties.size()];
        int i = 0;
        for (Map.Entry<String, String> e : properties.values().entrySet()) {
            kv[i++] = arena.allocateFrom(e.getKey());
            kv[i++] = arena.allocateFrom(e.getValue());
        }
        return kv;
    }

    @Override
    void release(MemorySegment handle) {
        f.ov_core_free(handle);
        rt.lastErrorCleared();
    }
}
