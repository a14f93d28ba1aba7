package dev.wuerstchen.api.backend;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Options shared by backends. Fields a backend has no use for are ignored.
 *
 * @param threads intra-op threads, 0 for the backend's default
 * @param device device name ({@code CPU}, {@code GPU}, {@code AUTO}, ...), null for the default
 * @param cacheDir folder for exported graphs and compiled models, null for the default
 * @param runtimePath an explicit native runtime location (file or folder), null to search
 * @param log receives one line per long-running backend task (exports, compilation); never null
 */
public record BackendOptions(int threads, String device, Path cacheDir, Path runtimePath, Consumer<String> log) {

    public static final BackendOptions DEFAULTS = new BackendOptions(0, null, null, null);

    public BackendOptions {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be ≥ 0, got " + threads);
        }
        log = log == null ? s -> { } : log;
    }

    /** Options that log nowhere. */
    public BackendOptions(int threads, String device, Path cacheDir, Path runtimePath) {
        this(threads, device, cacheDir, runtimePath, null);
    }

    public BackendOptions withThreads(int n) {
        return new BackendOptions(n, device, cacheDir, runtimePath, log);
    }

    public BackendOptions withDevice(String d) {
        return new BackendOptions(threads, d, cacheDir, runtimePath, log);
    }

    public BackendOptions withCacheDir(Path p) {
        return new BackendOptions(threads, device, p, runtimePath, log);
    }

    public BackendOptions withRuntimePath(Path p) {
        return new BackendOptions(threads, device, cacheDir, p, log);
    }

    public BackendOptions withLog(Consumer<String> l) {
        return new BackendOptions(threads, device, cacheDir, runtimePath, l);
    }
}
