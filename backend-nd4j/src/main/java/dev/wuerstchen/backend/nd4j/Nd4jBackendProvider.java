package dev.wuerstchen.backend.nd4j;

import dev.wuerstchen.api.backend.Availability;
import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.backend.BackendProvider;
import dev.wuerstchen.api.error.BackendUnavailableException;
import dev.wuerstchen.api.error.UnsupportedRequestException;
import java.util.Locale;

/** The {@code nd4j} backend: the eager float32 reference on the CPU. Cheap to construct. */
public final class Nd4jBackendProvider implements BackendProvider {

    public static final String ID = "nd4j";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "eager float32 reference backend on ND4J (OpenBLAS), CPU";
    }

    @Override
    public Availability probe() {
        return Nd4jRuntime.probe();
    }

    @Override
    public Backend open(BackendOptions options) {
        if (Nd4jRuntime.probe() instanceof Availability.Unavailable(String searched, String howToFix)) {
            throw new BackendUnavailableException(ID, searched, howToFix);
        }
        String device = options.device();
        if (device != null && !device.equalsIgnoreCase("CPU") && !device.equalsIgnoreCase("AUTO")) {
            throw new UnsupportedRequestException("backend 'nd4j': device '" + device + "' is not available",
                    "This backend runs on the CPU only; use device CPU or AUTO, or another backend for " + device.toUpperCase(Locale.ROOT));
        }
        if (options.threads() > 0) {
            Nd4jRuntime.setThreads(options.threads());
        }
        return new Nd4jBackend();
    }
}
