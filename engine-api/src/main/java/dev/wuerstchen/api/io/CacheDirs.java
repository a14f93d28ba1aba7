package dev.wuerstchen.api.io;

import dev.wuerstchen.api.backend.BackendOptions;
import java.nio.file.Path;

/**
 * The one rule for where cached files go: {@code --cache-dir} when given, else
 * {@code $WUERSTCHEN_CACHE} (or {@code -Dwuerstchen.cache}), else {@code $XDG_CACHE_HOME/wuerstchen},
 * else {@code ~/.cache/wuerstchen}. Under it: {@code onnx/} (exported graphs, shared by the graph
 * backends), {@code openvino/} (compiled models), {@code demo-v<N>/} (the demo model).
 */
public final class CacheDirs {

    private CacheDirs() {
    }

    public static Path defaultRoot() {
        String explicit = System.getProperty("wuerstchen.cache", System.getenv("WUERSTCHEN_CACHE"));
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("wuerstchen");
    }

    /** The cache root a backend uses. */
    public static Path root(BackendOptions options) {
        return options != null && options.cacheDir() != null ? options.cacheDir() : defaultRoot();
    }

    /** Exported ONNX graphs and their weights files. */
    public static Path onnx(BackendOptions options) {
        return root(options).resolve("onnx");
    }
}
