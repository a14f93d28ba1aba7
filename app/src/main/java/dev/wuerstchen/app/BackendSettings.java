package dev.wuerstchen.app;

import dev.wuerstchen.api.backend.BackendOptions;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** How backends run: threads, device, cache and runtime location. */
final class BackendSettings {

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Threads per network call (0: the backend's default).")
    int threads;

    @Option(names = "--device", paramLabel = "NAME", description = "Device for backends that have several (OpenVINO: CPU, GPU, NPU, AUTO).")
    String device;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Root of the cache for exported graphs and compiled models (default: ~/.cache/wuerstchen).")
    Path cacheDir;

    @Option(names = "--runtime-path", paramLabel = "PATH",
            description = "Location of a native runtime the backend loads (OpenVINO: its libs folder or libopenvino_c.so).")
    Path runtimePath;

    /** The cache root: {@code --cache-dir}, or the default one. */
    Path cacheRoot() {
        return cacheDir != null ? cacheDir : dev.wuerstchen.api.io.CacheDirs.defaultRoot();
    }

    /** The options, with backend messages (exports, compilation) going to {@code log}. */
    BackendOptions options(Consumer<String> log) {
        if (threads < 0) {
            throw new UsageException("--threads must be 0 or more, got " + threads);
        }
        return new BackendOptions(threads, device, cacheDir, runtimePath, log);
    }
}
