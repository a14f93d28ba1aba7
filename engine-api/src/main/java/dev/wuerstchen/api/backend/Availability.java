package dev.wuerstchen.api.backend;

import java.util.List;

/** Whether a backend can run here, as found by {@link BackendProvider#probe()}. */
public sealed interface Availability {

    /** Runs here: runtime version and the devices it offers. */
    record Available(String version, List<String> devices) implements Availability {
        public Available {
            devices = List.copyOf(devices);
        }
    }

    /** Cannot run here: what was searched, and how to install what is missing. */
    record Unavailable(String searched, String howToFix) implements Availability {
    }
}
