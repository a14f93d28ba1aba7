package dev.wuerstchen.app;

import dev.wuerstchen.api.backend.Availability;
import dev.wuerstchen.api.backend.BackendProvider;
import dev.wuerstchen.engine.BackendRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Lists the backends and whether they can run here. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "List the backends available here with their versions and devices; for the others, why not and how to install them.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--runtime-path", paramLabel = "PATH",
            description = "Look for a backend's native runtime here first (OpenVINO: its libs folder or libopenvino_c.so).")
    java.nio.file.Path runtimePath;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("wuerstchen on Java " + Runtime.version() + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        BackendRegistry registry = BackendRegistry.discover();
        if (registry.providers().isEmpty()) {
            out.println("No backend is on the class path. Build the application with './mvnw package -pl app -am'.");
            return ExitCode.OK;
        }
        out.println("Backends:");
        for (BackendProvider p : registry.providers()) {
            switch (p.probe(dev.wuerstchen.api.backend.BackendOptions.DEFAULTS.withRuntimePath(runtimePath))) {
                case Availability.Available a -> out.printf("  %-12s available  %s; version %s; devices: %s%n", p.id(),
                        p.description(), a.version(), String.join(", ", a.devices()));
                case Availability.Unavailable u -> {
                    out.printf("  %-12s not available  %s%n", p.id(), p.description());
                    out.printf("  %-12s   searched:%n", "");
                    for (String place : u.searched().split("; ")) {
                        out.printf("  %-12s     %s%n", "", place);
                    }
                    out.printf("  %-12s   to install: %s%n", "", u.howToFix());
                }
            }
        }
        java.nio.file.Path cache = dev.wuerstchen.api.io.CacheDirs.defaultRoot();
        out.println("Cache: " + cache + " (" + dev.wuerstchen.api.io.ByteSizes.human(dev.wuerstchen.api.io.FileTrees.size(cache))
                + "); 'wuerstchen cache' lists it, 'wuerstchen cache --clear' deletes it");
        return ExitCode.OK;
    }
}
