package dev.wuerstchen.api.io;

import dev.wuerstchen.api.error.OutputFileException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files through a hidden temporary sibling, synced to disk and then renamed, so readers never
 * see a partial file and an interrupted or failed write leaves nothing behind (an existing target
 * stays as it was).
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes the whole content to a channel positioned at 0. */
    @FunctionalInterface
    public interface ChannelWriter {
        void writeTo(FileChannel channel) throws IOException;
    }

    /** Writes the whole content to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path file, byte[] content) {
        writeStream(file, out -> out.write(content));
    }

    public static void writeStream(Path file, StreamWriter writer) {
        write(file, ch -> {
            OutputStream out = Channels.newOutputStream(ch);
            writer.writeTo(out);
            out.flush();
        });
    }

    /**
     * Writes through a temporary file. Exceptions thrown by {@code writer} other than
     * {@link IOException} propagate unchanged; in every failure the temporary file is deleted.
     *
     * @throws OutputFileException if the file cannot be written
     */
    public static void write(Path file, ChannelWriter writer) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
        boolean done = false;
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.writeTo(ch);
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException e) {
            // name the file the user asked for, not the temporary one
            String m = String.valueOf(e.getMessage()).replace(tmp.toString(), "a temporary file beside it");
            throw new OutputFileException(file, new IOException(e.getClass().getSimpleName() + ": " + m, e));
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the original failure is the one worth reporting
                }
            }
        }
    }
}
