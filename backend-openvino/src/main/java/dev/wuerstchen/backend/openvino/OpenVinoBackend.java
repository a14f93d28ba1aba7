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

/**
 * The OpenVINO backend: one core, one device ({@code CPU} unless {@link BackendOptions#device()} says
 * {@code GPU}, {@code NPU}, {@code AUTO}, ...), compiled models cached in OpenVINO's {@code CACHE_DIR},
 * and float32 inference precision for parity. Runs definitions from their exported ONNX graphs, and the
 * notebook's IR files through {@link #irModels(Path, Precision)}. Closing it closes everything it made.
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
    private final List<AutoCloseable> owned = new ArrayList<>();
    private boolean closed;

    /** Opens a core on {@code runtime}; throws if the requested device is not there. */
    public OpenVinoBackend(OpenVinoRuntime runtime, BackendOptions options, GraphSource graphSource) {
        this.runtime = runtime;
        this.graphSource = graphSource;
        this.threads = options.threads();
        this.cacheDir = CacheDirs.root(options).resolve("openvino");
        this.core = runtime.createCore();
        try {
            this.device = resolveDevice(options.device(), core.availableDevices());
        } catch (RuntimeException e) {
            core.close();
            throw e;
        }
    }

    static String resolveDevice(String requested, List<String> available) {
        String d = requested == null || requested.isBlank() ? "CPU" : requested.strip().toUpperCase(Locale.ROOT);
        String family = d.contains(".") ? d.substring(0, d.indexOf('.')) : d;
        boolean virtual = VIRTUAL_DEVICES.contains(d) || d.contains(":");
        if (virtual || available.contains(d) || available.stream().anyMatch(a -> a.startsWith(family + ".") && d.equals(family))) {
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
     * match the reference, one stream on CPU/GPU, the thread count if set, and {@code CACHE_DIR}.
     */
    public CompileProperties compileProperties(Precision precision) {
        CompileProperties p = CompileProperties.none().withPerformanceHint("LATENCY");
        String family = device.contains(".") ? device.substring(0, device.indexOf('.')) : device;
        boolean hardware = !VIRTUAL_DEVICES.contains(device) && !device.contains(":");
        if (hardware) {
            // Virtual devices may reject hardware properties; they pick their own precision [unconfirmed].
            p = p.withInferencePrecision(precision == Precision.F16 ? ElementType.F16 : ElementType.F32);
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
        }
        return p;
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
