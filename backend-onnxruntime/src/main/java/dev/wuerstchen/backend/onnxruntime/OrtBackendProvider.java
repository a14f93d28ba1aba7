package dev.wuerstchen.backend.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import dev.wuerstchen.api.backend.Availability;
import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.backend.BackendProvider;
import dev.wuerstchen.api.error.BackendUnavailableException;
import dev.wuerstchen.api.error.UnsupportedRequestException;
import java.util.List;

/**
 * ONNX Runtime (CPU) as a backend: networks are exported to ONNX and run by ONNX Runtime sessions.
 * Constructing the provider loads nothing; the native library is loaded by {@link #probe()} or
 * {@link #open}, and a failure to load is reported, never thrown from a static initializer.
 */
public final class OrtBackendProvider implements BackendProvider {

    public static final String ID = "onnxruntime";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "ONNX Runtime (CPU): runs the networks as exported ONNX graphs";
    }

    @Override
    public Availability probe() {
        try {
            // Loads the native library bundled in the onnxruntime jar on first use.
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            return new Availability.Available(env.getVersion(), List.of("CPU"));
        } catch (LinkageError | RuntimeException e) {
            return new Availability.Unavailable("the ONNX Runtime native library of com.microsoft.onnxruntime:onnxruntime "
                    + "for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " could not be loaded ("
                    + e + ")", "Run on a platform the onnxruntime jar ships a library for (Linux x64/aarch64, macOS "
                    + "aarch64, Windows x64), or point -Donnxruntime.native.path at a folder holding libonnxruntime "
                    + "and libonnxruntime4j_jni");
        }
    }

    /**
     * Opens the backend; the caller owns it. {@link BackendOptions#threads()} sets the intra-op
     * threads; exports go to {@code onnx/} under the cache root ({@link dev.wuerstchen.api.io.CacheDirs}); the device must be CPU or unset.
     */
    @Override
    public Backend open(BackendOptions options) {
        if (probe() instanceof Availability.Unavailable u) {
            throw new BackendUnavailableException(ID, u.searched(), u.howToFix());
        }
        BackendOptions o = options == null ? BackendOptions.DEFAULTS : options;
        if (o.device() != null && !o.device().equalsIgnoreCase("CPU")) {
            throw new UnsupportedRequestException("backend onnxruntime: device '" + o.device()
                    + "' is not offered; this build runs on the CPU", "Pass device CPU or none, or choose the openvino "
                    + "backend for other devices");
        }
        return new OrtBackend(OrtEnvironment.getEnvironment(), o);
    }
}
