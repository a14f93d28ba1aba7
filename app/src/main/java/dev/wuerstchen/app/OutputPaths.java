package dev.wuerstchen.app;

import dev.wuerstchen.api.error.OutputFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Output file names and an early check that they can be written, before minutes of work. */
final class OutputPaths {

    private OutputPaths() {
    }

    /** {@code out} itself for one image, else {@code name-1.png}, {@code name-2.png}, ... */
    static List<Path> numbered(Path out, int count) {
        if (out.getFileName() == null) {
            throw new UsageException("--out must name a .png file, got " + out);
        }
        String name = out.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new UsageException("--out must name a .png file, got " + out);
        }
        if (count == 1) {
            return List.of(out);
        }
        String stem = name.substring(0, name.length() - 4);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            files.add(out.resolveSibling(stem + "-" + i + ".png"));
        }
        return files;
    }

    /**
     * Creates missing parent folders and checks, by creating and deleting a file there, that the
     * images can be written (before minutes of work, not after).
     */
    static void checkWritable(List<Path> files) {
        for (Path f : files) {
            Path abs = f.toAbsolutePath();
            if (Files.isDirectory(abs)) {
                throw new OutputFileException(f, new IOException("it is a folder"));
            }
            Path dir = abs.getParent();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new OutputFileException(f, e);
            }
            try {
                Files.deleteIfExists(Files.createTempFile(dir, ".wuerstchen-write-check", ".tmp"));
            } catch (IOException e) {
                throw new OutputFileException(f, new IOException("folder " + dir + " is not writable"));
            }
            if (Files.exists(abs) && !Files.isWritable(abs)) {
                throw new OutputFileException(f, new IOException("the existing file is read-only"));
            }
        }
    }
}
