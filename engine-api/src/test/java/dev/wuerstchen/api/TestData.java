package dev.wuerstchen.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Locates the test data the repository carries ({@code testdata/golden/tiny}). Shared with other
 * modules through engine-api's test-jar.
 */
public final class TestData {

    private TestData() {
    }

    /** The repository root: {@code -Dwuerstchen.root} (set by the build), else the nearest parent holding testdata/. */
    public static Path root() {
        String prop = System.getProperty("wuerstchen.root");
        if (prop != null && Files.isDirectory(Path.of(prop, "testdata"))) {
            return Path.of(prop);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("testdata/golden"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository's testdata/ folder from "
                + Path.of("").toAbsolutePath() + "; run the tests from inside the repository");
    }

    /** The repository's tiny reference set, for tests that rely on its particular configs and files. */
    public static Path tiny() {
        return root().resolve("testdata/golden/tiny");
    }

    /**
     * The reference set the golden parity tests run on: the folder {@code -Dwuerstchen.golden} or
     * {@code WUERSTCHEN_GOLDEN} names (any set made by the golden script), else the repository's
     * {@code testdata/golden/tiny}.
     */
    public static Path goldenSet() {
        String dir = System.getProperty("wuerstchen.golden", System.getenv("WUERSTCHEN_GOLDEN"));
        return dir != null && !dir.isBlank() ? Path.of(dir) : root().resolve("testdata/golden/tiny");
    }

    /** Copies a folder tree (test fixtures are mutated in temporary copies, never in place). */
    public static void copyTree(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path target = to.resolve(from.relativize(file).toString());
                    Files.copy(file, target);
                    target.toFile().setWritable(true);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
