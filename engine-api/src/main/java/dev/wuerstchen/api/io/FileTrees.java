package dev.wuerstchen.api.io;

import dev.wuerstchen.api.error.OutputFileException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folder trees the program writes: their size, their deletion, and folders written whole under a
 * hidden sibling ({@code .NAME.PID.part}) and renamed into place, whose leftovers from interrupted
 * processes are found by the process id in their name.
 */
public final class FileTrees {

    private FileTrees() {
    }

    /** Bytes in a file or folder tree, 0 if it does not exist; entries that vanish meanwhile count as 0. */
    public static long size(Path p) {
        long[] sum = {0};
        try {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    sum[0] += attrs.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // only the root can fail here (visitFileFailed takes the rest): nothing to count
        }
        return sum[0];
    }

    /**
     * Deletes a file or folder tree (links are removed, not followed) and returns the bytes freed, 0
     * if it did not exist.
     *
     * @throws OutputFileException if something in it cannot be deleted
     */
    public static long delete(Path p) {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long[] bytes = {0};
        try {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    bytes[0] += attrs.size();
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException vanished) {
            // deleted meanwhile by someone else: the goal is reached
        } catch (IOException e) {
            throw OutputFileException.notDeletable(p, e);
        }
        return bytes[0];
    }

    /** The hidden sibling this process writes {@code target} into before renaming it into place. */
    public static Path partFolder(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".part");
    }

    /**
     * Deletes the part folders of {@code target} whose writing process no longer runs (an
     * interrupted earlier attempt); those of running processes are left to them.
     *
     * @return the bytes freed
     */
    public static long deleteAbandonedParts(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return 0;
        }
        Pattern pattern = partPattern(target.getFileName().toString());
        long freed = 0;
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, "." + target.getFileName() + ".*.part")) {
            for (Path sibling : siblings) {
                Matcher m = pattern.matcher(sibling.getFileName().toString());
                if (m.matches() && !running(Long.parseLong(m.group(1)))) {
                    freed += delete(sibling);
                }
            }
        } catch (IOException e) {
            throw OutputFileException.notDeletable(parent, e);
        }
        return freed;
    }

    private static Pattern partPattern(String targetName) {
        return Pattern.compile("\\." + Pattern.quote(targetName) + "\\.(\\d{1,18})\\.part");
    }

    private static boolean running(long pid) {
        return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
