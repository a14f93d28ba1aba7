package dev.wuerstchen.api.io;

import dev.wuerstchen.api.backend.BackendOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The one rule for where cached files go: {@code --cache-dir} when given, else
 * {@code $WUERSTCHEN_CACHE} (or {@code -Dwuerstchen.cache}), else {@code $XDG_CACHE_HOME/wuerstchen},
 * else {@code ~/.cache/wuerstchen}. Under it: {@code onnx/} (exported graphs, shared by the graph
 * backends), {@code openvino/} (compiled models), {@code demo-v<N>/} (the demo model).
 */
public final class CacheDirs {

    /** The folders this project writes under a cache root; anything else there is not ours to delete. */
    public enum Part {
        ONNX("onnx", "exported ONNX graphs and their weights (onnxruntime, openvino)"),
        OPENVINO("openvino", "OpenVINO's compiled-model cache"),
        DEMO("demo-v", "the embedded demo model");

        private final String folder;
        private final String holds;

        Part(String folder, String holds) {
            this.folder = folder;
            this.holds = holds;
        }

        public String holds() {
            return holds;
        }

        /** The part a folder under the root belongs to; demo folders are versioned, and unfinished ones are hidden. */
        public static Optional<Part> of(String folderName) {
            return Arrays.stream(values()).filter(p -> p == DEMO
                    ? folderName.startsWith(p.folder) || folderName.startsWith("." + p.folder)
                    : folderName.equals(p.folder)).findFirst();
        }
    }

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
        return root(options).resolve(Part.ONNX.folder);
    }

    /** OpenVINO's compiled models (its CACHE_DIR). */
    public static Path openvino(BackendOptions options) {
        return root(options).resolve(Part.OPENVINO.folder);
    }
}
