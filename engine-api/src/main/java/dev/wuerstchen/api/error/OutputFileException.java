package dev.wuerstchen.api.error;

import java.io.IOException;
import java.nio.file.Path;

/** An output file (image, report, export, cache) could not be written or deleted. */
public final class OutputFileException extends WuerstchenException {

    private final Path file;

    public OutputFileException(Path file, IOException cause) {
        this(file, file + ": cannot be written (" + describe(cause) + "). Choose a folder you can write to, or free disk space",
                cause);
    }

    private OutputFileException(Path file, String message, IOException cause) {
        super(message, cause);
        this.file = file;
    }

    /** A folder of the program's output (a cache) cannot be listed. */
    public static OutputFileException notListable(Path folder, IOException cause) {
        return new OutputFileException(folder, folder + ": cannot be listed (" + describe(cause) + "). Check its permissions",
                cause);
    }

    /** Something the program wrote could not be deleted. */
    public static OutputFileException notDeletable(Path file, IOException cause) {
        return new OutputFileException(file, file + ": cannot be deleted (" + describe(cause) + "). Check its permissions, "
                + "or close the programs that use it, and try again", cause);
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
