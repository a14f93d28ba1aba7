package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.backend.Availability;
import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.backend.BackendProvider;
import dev.wuerstchen.api.error.BackendUnavailableException;
import dev.wuerstchen.api.io.CacheDirs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Registered in {@code META-INF/services}. Construction loads nothing; {@link #probe()} locates and
 * loads the runtime and never throws, so a machine without OpenVINO simply lists it as unavailable.
 * {@link #probe(BackendOptions)} and {@link #open} search from the options' runtime path when one is
 * given. Runtimes are loaded once per C library (its real path); see {@link OpenVinoRuntime} for why a
 * second installation of the same release is refused.
 */
public final class OpenVinoBackendProvider implements BackendProvider {

    private final OpenVinoRuntimeLocator locator;
    private final GraphSource graphSource;
    private final Map<Path, OpenVinoRuntime> runtimes = new HashMap<>();

    /**
     * The provider ServiceLoader creates: this process's environment; networks are exported as ONNX
     * into the shared export cache ({@link CacheDirs#onnx}).
     */
    public OpenVinoBackendProvider() {
        this(OpenVinoRuntimeLocator.system(), null);
    }

    /** @param graphSource where graphs come from, or null for the ONNX exporter */
    public OpenVinoBackendProvider(OpenVinoRuntimeLocator locator, GraphSource graphSource) {
        this.locator = locator;
        this.graphSource = graphSource;
    }

    @Override
    public String id() {
        return OpenVinoBackend.ID;
    }

    @Override
    public String description() {
        return "Intel OpenVINO through its C API (java.lang.foreign, nothing to compile)";
    }

    @Override
    public Availability probe() {
        return probe((Path) null);
    }

    @Override
    public Availability probe(BackendOptions options) {
        return probe(options == null ? null : options.runtimePath());
    }

    private Availability probe(Path runtimePath) {
        RuntimeLocation location;
        try {
            location = locator.locate(runtimePath);
        } catch (RuntimeException e) {
            return new Availability.Unavailable("the search for OpenVINO failed: " + e, OpenVinoRuntimeLocator.HOW_TO_INSTALL);
        }
        return switch (location) {
            case RuntimeLocation.NotFound nf ->
                    new Availability.Unavailable(String.join("; ", nf.searched()), nf.howToInstall());
            case RuntimeLocation.Found found -> probe(found);
        };
    }

    private Availability probe(RuntimeLocation.Found found) {
        String notes = found.notes().isEmpty() ? "" : " (" + String.join("; ", found.notes()) + ")";
        try {
            OpenVinoRuntime rt = runtime(found);
            try (OvCore core = rt.createCore()) {
                List<String> available = core.availableDevices();
                if (!available.contains("CPU")) {
                    // spec §A.11.3: without CPU the plugins were not found next to libopenvino.so
                    return new Availability.Unavailable("found OpenVINO " + rt.versionLabel() + " at " + found.cLibrary()
                            + " via " + found.source() + ", but it offers " + (available.isEmpty() ? "no devices"
                                    : "no CPU device (only " + String.join(", ", available) + ")") + notes,
                            "Keep " + locator.platform().cpuPlugin() + " (and the other plugins) in the folder of "
                                    + "libopenvino (or its openvino-<version>/ subfolder), as OpenVINO's packages install them; "
                                    + OpenVinoRuntimeLocator.HOW_TO_INSTALL);
                }
                List<String> devices = new ArrayList<>();
                for (String d : available) {
                    devices.add(d + " (" + fullName(core, d) + ")");
                }
                return new Availability.Available(rt.versionLabel() + " from " + found.cLibrary().getParent()
                        + ", " + rt.numberingLabel() + notes, devices);
            }
        } catch (RuntimeException | LinkageError e) {
            return new Availability.Unavailable("found " + found.cLibrary() + " via " + found.source()
                    + " but it does not work: " + e.getMessage() + notes, OpenVinoRuntimeLocator.HOW_TO_INSTALL);
        }
    }

    private static String fullName(OvCore core, String device) {
        try {
            return core.fullDeviceName(device);
        } catch (RuntimeException e) {
            return "full name unknown: " + e.getMessage();
        }
    }

    @Override
    public Backend open(BackendOptions options) {
        RuntimeLocation location = locator.locate(options.runtimePath());
        return switch (location) {
            case RuntimeLocation.NotFound nf ->
                    throw new BackendUnavailableException(id(), String.join("; ", nf.searched()), nf.howToInstall());
            case RuntimeLocation.Found found -> new OpenVinoBackend(runtime(found), options, graphSource != null ? graphSource
                    : new OnnxGraphSource(CacheDirs.onnx(options), options.log()));
        };
    }

    /** Loads a runtime once per C library, keyed by its real path (a symlink and its target are one). */
    private synchronized OpenVinoRuntime runtime(RuntimeLocation.Found found) {
        Path key;
        try {
            key = found.cLibrary().toRealPath();
        } catch (IOException e) {
            key = found.cLibrary().toAbsolutePath().normalize();
        }
        OpenVinoRuntime rt = runtimes.get(key);
        if (rt == null) {
            rt = OpenVinoRuntime.load(found);
            runtimes.put(key, rt);
        }
        return rt;
    }
}
