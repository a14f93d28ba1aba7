package dev.wuerstchen.bench;

import dev.wuerstchen.api.error.OutputFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The export cache a benchmark gives its backends: a folder of its own (in the output folder, or a
 * temporary one), never the user's cache, which the exports of synthetic weights would fill with
 * gigabytes nobody reuses.
 */
final class BenchCache {

    /** The benchmarks' {@code cacheDir} parameter when no folder is given: a temporary one per trial. */
    static final String TEMPORARY = "temporary";

    private BenchCache() {
    }

    /** A new temporary folder; the caller deletes it. */
    static Path temporary() {
        try {
            return Files.createTempDirectory("wuerstchen-bench-cache");
        } catch (IOException e) {
            throw new OutputFileException(Path.of(System.getProperty("java.io.tmpdir")), e);
        }
    }
}
