package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.io.CacheDirs;
import dev.wuerstchen.api.io.Closeables;
import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.error.BackendUnavailableException;
import dev.wuerstchen.api.error.UnsupportedRequestException;
import dev.wuerstchen.api.nn.NetworkDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The OpenVINO backend: one core, one device ({@code CPU} unless {@link BackendOptions#device()} says
 * {@code GPU}, {@code NPU}, {@code AUTO}, ...), compiled models cached in OpenVINO's {@code CACHE_DIR},
 * and float32 inference precision for parity where the device allows it (not NPU, which computes in
 * f16; not the virtual devices, which choose for themselves; both are said through
 * {@link BackendOptions#log()} when the backend opens). Runs definitions from their exported ONNX
 * graphs, and the notebook's IR files through {@link #irModels(Path, Precision)}. Closing it closes
 * everything it made.
 */
public final class OpenVinoBackend implements Backend {

    public static final String ID = "openvino";

    private static final Set<String> VIRTUAL_DEVICES = Set.of("AUTO", "MULTI", "HETERO", "BATCH");

    private final OpenVinoRuntime runtime;
    private final OvCore core;
    private final GraphSource graphSource;
    private final String device;
    private final Path cacheDir;
    private final int threads;
    private final Consumer<String> log;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private boolean closed;
    private boolean cacheFailureLogged;

    /** Opens a core on {@code runtime}; throws if the requested device is not there. */
    public OpenVinoBackend(OpenVinoRuntime runtime, BackendOptions options, GraphSource graphSource) {
        this.runtime = runtime;
        this.graphSource = graphSource;
        this.threads = options.threads();
        this.log = options.log();
        this.cacheDir = CacheDirs.openvino(options);
        this.core = runtime.createCore();
        try {
            this.device = resolveDevice(options.device(), core.availableDevices());
        } catch (RuntimeException e) {
            core.close();
            throw e;
        }
        if (isVirtual(device)) {
            log.accept("openvino: warning: " + device + " is a virtual device and gets no precision hint; it chooses the "
                    + "precision of the devices it runs on (CPUs with bf16 or f16 units, GPUs and NPUs compute in "
                    + "less than f32), so results may drift from the f32 reference. Choose CPU for parity");
        } else if (family(device).equals("NPU")) {
            log.accept("openvino: " + device + " computes in f16 (OpenVINO 2025.1 and later refuse an f32 precision "
                    + "hint on NPU), so results are not expected to match the f32 reference closely. Choose CPU for parity");
        }
    }

    private static boolean isVirtual(String device) {
        return VIRTUAL_DEVICES.contains(device) || device.contains(":");
    }

    private static String family(String device) {
        return device.contains(".") ? device.substring(0, device.indexOf('.')) : device;
    }

    /**
     * The requested device as the user spelled it (upper case), if OpenVINO has it. OpenVINO lists a bare
     * {@code GPU} when there is one GPU and {@code GPU.0}, {@code GPU.1}, ... when there are several, and
     * accepts both {@code GPU.0} for a single GPU and {@code GPU} for the first of several; so does this.
     */
    static String resolveDevice(String requested, List<String> available) {
        String d = requested == null || requested.isBlank() ? "CPU" : requested.strip().toUpperCase(Locale.ROOT);
        String family = family(d);
        boolean firstOfOne = d.equals(family + ".0") && available.contains(family);
        boolean firstOfSeveral = d.equals(family) && available.stream().anyMatch(a -> a.startsWith(family + "."));
        if (isVirtual(d) || available.contains(d) || firstOfOne || firstOfSeveral) {
            return d;
        }
        throw new BackendUnavailableException(ID, "device '" + d + "' is not among the devices OpenVINO found here: "
                + String.join(", ", available), "Choose one of " + String.join(", ", available) + " or AUTO; GPU and NPU "
                + "need Intel's GPU compute runtime or NPU driver installed");
    }

    @Override
    public String id() {
        return ID;
    }

    public OpenVinoRuntime runtime() {
        return runtime;
    }

    OvCore core() {
        ensureOpen();
        return core;
    }

    GraphSource graphSource() {
        return graphSource;
    }

    /** The device networks are compiled for. */
    public String device() {
        return device;
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /**
     * What every compile call passes: {@code PERFORMANCE_HINT=LATENCY} (one request at a time),
     * {@code INFERENCE_PRECISION_HINT=f32} (f16 for {@link Precision#F16}) on hardware devices so results
     * match the reference, except f32 on NPU (refused there since OpenVINO 2025.1, PR #29793), one stream
     * on CPU/GPU, the thread count if set, and {@code CACHE_DIR}. Virtual devices get no precision hint:
     * the spec lists {@code EXECUTION_MODE_HINT=ACCURACY} (openvino.md §A.5.3, §A.9) but not whether AUTO,
     * MULTI or HETERO accept it or pass it on, so nothing is sent that could make their compile fail.
     */
    public CompileProperties compileProperties(Precision precision) {
        CompileProperties p = CompileProperties.none().withPerformanceHint("LATENCY");
        String family = family(device);
        ElementType hint = precision == Precision.F16 ? ElementType.F16 : ElementType.F32;
        if (!isVirtual(device) && !(family.equals("NPU") && hint == ElementType.F32)) {
            p = p.withInferencePrecision(hint);
        }
        if (family.equals("CPU") || family.equals("GPU")) {
            p = p.withNumStreams(1);
        }
        if (family.equals("CPU") && threads > 0) {
            p = p.withInferenceThreads(threads);
        }
        try {
            Files.createDirectories(cacheDir);
            p = p.withCacheDir(cacheDir);
        } catch (IOException e) {
            // The cache only saves compile time; without a writable folder OpenVINO compiles every time.
            logCacheFailureOnce(e);
        }
        return p;
    }

    private synchronized void logCacheFailureOnce(IOException e) {
        if (!cacheFailureLogged) {
            cacheFailureLogged = true;
            log.accept("openvino: cannot create the compiled-model cache " + cacheDir + " (" + e + "); every network is "
                    + "compiled anew each time it is loaded. Pass a writable --cache-dir to keep compiled models");
        }
    }

    @Override
    public synchronized Network load(NetworkDefinition definition, Checkpoint checkpoint, Precision precision) {
        ensureOpen();
        if (precision == Precision.INT8) {
            throw new UnsupportedRequestException("openvino: int8 is only available through the notebook's quantized IR "
                    + "files (prior_prior_int8.xml, decoder_int8.xml)", "Use irModels(dir, INT8), or precision F32");
        }
        definition.manifest().check(checkpoint.names(), n -> checkpoint.info(n).shape());
        OpenVinoNetwork n = new OpenVinoNetwork(this, definition, checkpoint, precision);
        owned.add(n);
        return n;
    }

    /** The IR files of OpenVINO's Würstchen notebook in {@code dir}; closed with this backend. */
    public synchronized OpenVinoIrModels irModels(Path dir, Precision precision) {
        ensureOpen();
        OpenVinoIrModels m = new OpenVinoIrModels(this, dir, precision);
        owned.add(m);
        return m;
    }

    synchronized void forget(AutoCloseable c) {
        owned.remove(c);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the openvino backend is closed");
        }
    }

    @Override
    public void close() {
        List<AutoCloseable> parts;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            parts = new ArrayList<>(owned);
            owned.clear();
        }
        java.util.Collections.reverse(parts);
        try {
            closeAll(parts);
        } finally {
            core.close();
        }
    }

    /** Closes every part even if some fail; the first failure is thrown with the others suppressed. */
    static void closeAll(Collection<? extends AutoCloseable> parts) {
        Closeables.closeAll(parts);
    }
}
