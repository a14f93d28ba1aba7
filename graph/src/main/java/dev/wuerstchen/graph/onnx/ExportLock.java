package dev.wuerstchen.graph.onnx;

import dev.wuerstchen.api.error.OutputFileException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive use of an export folder while a network's files are written: a lock per folder inside
 * this process, then an OS file lock on {@code <exportDir>/.lock} against other processes (two
 * applications exporting into one cache would otherwise both write the same gigabytes). The lock file
 * is never deleted: deleting it would let a waiting process lock a file nobody else sees. Released
 * by {@link #close()}, on the thread that acquired it.
 */
final class ExportLock implements AutoCloseable {

    static final String FILE_NAME = ".lock";

    /**
     * One per canonical folder: a second FileChannel lock from this process would throw
     * OverlappingFileLockException instead of waiting.
     */
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private ExportLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Waits until this process and every other one have let go of {@code exportDir}. Where the lock
     * file cannot be created or locked (a read-only cache, a file system without locks), that is said
     * through {@code log} and the export goes ahead unprotected against other processes: reading a
     * complete cache needs no lock, and a failing write reports itself.
     *
     * @throws OutputFileException if the folder cannot be created
     */
    static ExportLock acquire(Path exportDir, ExportListener log) {
        Path dir;
        try {
            Files.createDirectories(exportDir);
            dir = exportDir.toRealPath();
        } catch (IOException e) {
            throw new OutputFileException(exportDir, e);
        }
        ReentrantLock local = IN_PROCESS.computeIfAbsent(dir, d -> new ReentrantLock());
        local.lock();
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                log.message(dir + ": another process is exporting into this cache; waiting until it is done");
                lock = channel.lock();
            }
            return new ExportLock(local, channel, lock);
        } catch (IOException e) {
            close(channel);
            log.message(file + ": cannot lock (" + e.getMessage() + "); going on without protection against other "
                    + "processes writing the same files");
            return new ExportLock(local, null, null);
        } catch (RuntimeException | Error e) {
            close(channel);
            local.unlock();
            throw e;
        }
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the failure that is being reported matters more
            }
        }
    }

    @Override
    public void close() {
        try {
            close(channel); // closing the channel releases its lock
        } finally {
            local.unlock();
        }
    }

    /** Whether this process holds the OS lock (false where the file system cannot lock). For tests. */
    boolean osLocked() {
        return lock != null && lock.isValid();
    }
}
