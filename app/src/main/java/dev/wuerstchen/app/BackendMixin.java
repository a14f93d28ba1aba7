package dev.wuerstchen.app;

import dev.wuerstchen.api.backend.BackendOptions;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The backend flags of the commands that run networks on one backend. */
final class BackendMixin {

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "nd4j",
            description = "Backend that runs the networks (see 'wuerstchen info'). Default: ${DEFAULT-VALUE}.")
    String name;

    @Mixin
    BackendSettings settings;

    BackendOptions options(Consumer<String> log) {
        return settings.options(log);
    }

    /** A usage error unless a backend of this name is on the class path. */
    static void requireKnown(String id) {
        var ids = dev.wuerstchen.engine.BackendRegistry.discover().ids();
        if (!ids.contains(id)) {
            throw new UsageException("unknown backend '" + id + "'; available: " + String.join(", ", ids));
        }
    }
}
