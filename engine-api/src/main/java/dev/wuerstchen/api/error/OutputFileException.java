package dev.wuerstchen.api.error;

import java.io.IOException;
import java.nio.file.Path;

/** An output file (image, report, export) could not be written. */
public final class OutputFileException extends WuerstchenException {

    private final Path file;

    public OutputFileException(Path file, IOException cause) {
        super(file + ": cannot be written (" + describe(cause) + "). Choose a folder you can write to, or free disk space",
                cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        if (e.getClass() == IOException.class && m != null) {
            return m;
        }
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        return m == null ? kind : kind + ": " + m;
    }
}
