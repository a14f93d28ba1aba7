package dev.wuerstchen.bench;

import dev.wuerstchen.api.error.OutputFileException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

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

    /**
     * Deletes {@code dir} and everything in it (links are removed, not followed); returns the bytes
     * freed, 0 if it did not exist.
     *
     * @throws OutputFileException if something cannot be deleted
     */
    static long delete(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        long[] bytes = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    bytes[0] += attrs.size();
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new OutputFileException(dir, e);
        }
        return bytes[0];
    }
}
