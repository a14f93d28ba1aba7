package dev.wuerstchen.api.backend;

import java.nio.file.Path;

/**
 * Options shared by backends. Fields a backend has no use for are ignored.
 *
 * @param threads intra-op threads, 0 for the backend's default
 * @param device device name ({@code CPU}, {@code GPU}, {@code AUTO}, ...), null for the default
 * @param cacheDir folder for exported graphs and compiled models, null for the default
 * @param runtimePath an explicit native runtime location (file or folder), null to search
 */
public record BackendOptions(int threads, String device, Path cacheDir, Path runtimePath) {

    public static final BackendOptions DEFAULTS = new BackendOptions(0, null, null, null);

    public BackendOptions {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be ≥ 0, got " + threads);
        }
    }

    public BackendOptions withThreads(int n) {
        return new BackendOptions(n, device, cacheDir, runtimePath);
    }

    public BackendOptions withDevice(String d) {
        return new BackendOptions(threads, d, cacheDir, runtimePath);
    }

    public BackendOptions withCacheDir(Path p) {
        return new BackendOptions(threads, device, p, runtimePath);
    }

    public BackendOptions withRuntimePath(Path p) {
        return new BackendOptions(threads, device, cacheDir, p);
    }
}
