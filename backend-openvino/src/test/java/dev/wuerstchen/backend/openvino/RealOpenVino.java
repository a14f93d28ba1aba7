package dev.wuerstchen.backend.openvino;

import org.junit.jupiter.api.Assumptions;

/**
 * The OpenVINO installation of this machine, found as the application would find it. Tests that
 * need it are skipped, listing every place searched, when there is none; a runtime that is found but
 * does not load fails them.
 */
final class RealOpenVino {

    private static OpenVinoRuntime runtime;

    private RealOpenVino() {
    }

    static synchronized OpenVinoRuntime runtime() {
        if (runtime == null) {
            RuntimeLocation loc = OpenVinoRuntimeLocator.system().locate(null);
            if (loc instanceof RuntimeLocation.NotFound nf) {
                Assumptions.abort("OpenVINO is not installed here, so the real-runtime tests are skipped. Searched: "
                        + String.join("; ", nf.searched()) + ". " + nf.howToInstall());
            }
            runtime = OpenVinoRuntime.load((RuntimeLocation.Found) loc);
        }
        return runtime;
    }

    /** A provider over this machine's OpenVINO with the given graph source. */
    static OpenVinoBackendProvider provider(GraphSource graphs) {
        runtime(); // skips when absent
        return new OpenVinoBackendProvider(OpenVinoRuntimeLocator.system(), graphs);
    }
}
