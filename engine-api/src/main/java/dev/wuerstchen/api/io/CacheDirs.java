package dev.wuerstchen.api.io;

import dev.wuerstchen.api.backend.BackendOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one rule for where cached files go: {@code --cache-dir} when given, else
 * {@code $WUERSTCHEN_CACHE} (or {@code -Dwuerstchen.cache}), else {@code $XDG_CACHE_HOME/wuerstchen},
 * else {@code ~/.cache/wuerstchen}. Under it: {@code onnx/} (exported graphs, shared by the graph
 * backends), {@code openvino/} (compiled models), {@code demo-v<N>/} (the demo model).
 */
public final class CacheDirs {

    /**
     * The folders this project writes under a cache root. A folder counts as one only if its name and
     * everything directly in it look as this project writes them, so a cache root pointed at the
     * wrong place (an OpenVINO install, a folder of videos named demo-v…) never has anything cleared.
     */
    public enum Part {
        ONNX("onnx", "exported ONNX graphs and their weights (onnxruntime, openvino)",
                Pattern.compile("onnx"), Pattern.compile("\\.lock|[a-z0-9-]+-[0-9a-f]{16}")),
        OPENVINO("openvino", "OpenVINO's compiled-model cache", Pattern.compile("openvino"),
                Pattern.compile(".+\\.(blob|cl_cache)")),
        DEMO("demo-v", "the embedded demo model", Pattern.compile("demo-v\\d+|\\.demo-v\\d+\\.\\d+\\.part"),
                Pattern.compile("COMPLETE|wuerstchen-prior|wuerstchen"));

        private final String folder;
        private final String holds;
        private final Pattern name;
        private final Pattern entries;

        Part(String folder, String holds, Pattern name, Pattern entries) {
            this.folder = folder;
            this.holds = holds;
            this.name = name;
            this.entries = entries;
        }

        public String holds() {
            return holds;
        }

        /**
         * The part {@code folder} (directly under a cache root) is, judged by its name and the names
         * of its entries; empty for anything else, including a folder whose entries cannot be listed.
         */
        public static Optional<Part> of(Path folder) {
            String n = folder.getFileName().toString();
            for (Part p : values()) {
                if (p.name.matcher(n).matches() && Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    return p.holdsOnlyItsOwn(folder) ? Optional.of(p) : Optional.empty();
                }
            }
            return Optional.empty();
        }

        private boolean holdsOnlyItsOwn(Path folder) {
            try (Stream<Path> s = Files.list(folder)) {
                return s.allMatch(e -> entries.matcher(e.getFileName().toString()).matches());
            } catch (IOException e) {
                return false;
            }
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
