package dev.wuerstchen.app;

import dev.wuerstchen.api.backend.BackendOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The backend flags shared by the commands that run networks. */
final class BackendMixin {

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "nd4j",
            description = "Backend that runs the networks (see 'wuerstchen info'). Default: ${DEFAULT-VALUE}.")
    String name;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Threads per network call (0: the backend's default).")
    int threads;

    @Option(names = "--device", paramLabel = "NAME", description = "Device for backends that have several (OpenVINO: CPU, GPU, NPU, AUTO).")
    String device;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where exported graphs and compiled models are cached (default: ~/.cache/wuerstchen).")
    Path cacheDir;

    @Option(names = "--runtime-path", paramLabel = "PATH",
            description = "Location of a native runtime the backend loads (OpenVINO: its libs folder or libopenvino_c.so).")
    Path runtimePath;

    /** The options, with backend messages (exports, compilation) going to {@code log}. */
    BackendOptions options(java.util.function.Consumer<String> log) {
        if (threads < 0) {
            throw new UsageException("--threads must be 0 or more, got " + threads);
        }
        return new BackendOptions(threads, device, cacheDir, runtimePath, log);
    }
}
