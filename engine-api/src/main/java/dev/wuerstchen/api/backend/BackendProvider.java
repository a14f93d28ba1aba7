package dev.wuerstchen.api.backend;

/**
 * Registered in {@code META-INF/services}. Construction is cheap and loads no native code; native
 * libraries are loaded by {@link #probe()} or {@link #open(BackendOptions)}, and a failure to load
 * is reported as {@link Availability.Unavailable}, never thrown from a static initializer.
 */
public interface BackendProvider {

    /** The name users type: {@code nd4j}, {@code onnxruntime}, {@code openvino}. */
    String id();

    /** One line for {@code wuerstchen info}. */
    String description();

    /** Finds out whether the backend can run here, searching where it searches by default. */
    Availability probe();

    /**
     * Finds out whether the backend can run here as {@link #open(BackendOptions)} would open it with
     * {@code options} (for example with an explicit {@link BackendOptions#runtimePath()}). Backends whose
     * availability does not depend on the options keep this default.
     */
    default Availability probe(BackendOptions options) {
        return probe();
    }

    /**
     * Opens the backend; the caller owns the result and closes it.
     *
     * @throws dev.wuerstchen.api.error.BackendUnavailableException if it cannot run here
     */
    Backend open(BackendOptions options);
}
