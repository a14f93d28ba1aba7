package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.backend.Availability;
import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.backend.BackendProvider;
import dev.wuerstchen.api.error.BackendUnavailableException;
import dev.wuerstchen.api.io.CacheDirs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Registered in {@code META-INF/services}. Construction loads nothing; {@link #probe()} locates and
 * loads the runtime and never throws, so a machine without OpenVINO simply lists it as unavailable.
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
        RuntimeLocation location;
        try {
            location = locator.locate(null);
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
        try {
            OpenVinoRuntime rt = runtime(found);
            try (OvCore core = rt.createCore()) {
                List<String> devices = new ArrayList<>();
                for (String d : core.availableDevices()) {
                    devices.add(d + " (" + fullName(core, d) + ")");
                }
                return new Availability.Available(rt.version().release() + " from " + found.cLibrary().getParent()
                        + ", element types numbered " + (rt.numbering() == ElementTypeNumbering.SINCE_2024_2
                                ? "as since 2024.2" : "as before 2024.2"), devices);
            }
        } catch (RuntimeException | LinkageError e) {
            String notes = found.notes().isEmpty() ? "" : " (" + String.join("; ", found.notes()) + ")";
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

    /** Loads a runtime once per library path. */
    private synchronized OpenVinoRuntime runtime(RuntimeLocation.Found found) {
        OpenVinoRuntime rt = runtimes.get(found.cLibrary());
        if (rt == null) {
            rt = OpenVinoRuntime.load(found);
            runtimes.put(found.cLibrary(), rt);
        }
        return rt;
    }
}
