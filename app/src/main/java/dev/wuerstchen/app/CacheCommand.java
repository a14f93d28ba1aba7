package dev.wuerstchen.app;

import dev.wuerstchen.api.error.OutputFileException;
import dev.wuerstchen.api.io.ByteSizes;
import dev.wuerstchen.api.io.CacheDirs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the cache holds and how large it is; {@code --clear} deletes the folders this project wrote
 * (never anything else a user keeps beside them). Everything in it is rebuilt on demand.
 */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = {"Show what the cache holds (exported graphs, compiled models, the demo model) and its size.",
            "With --clear, delete it: everything in it is rebuilt when next needed. Do not clear while another "
                    + "wuerstchen command runs."})
final class CacheCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "The cache root (default: $WUERSTCHEN_CACHE, else $XDG_CACHE_HOME/wuerstchen, else ~/.cache/wuerstchen).")
    Path cacheDir;

    @Option(names = "--clear", description = "Delete the cached exports, compiled models and demo model.")
    boolean clear;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path root = cacheDir != null ? cacheDir : CacheDirs.defaultRoot();
        if (!Files.exists(root)) {
            out.println("cache " + root + ": empty (nothing has been cached yet)");
            return ExitCode.OK;
        }
        if (!Files.isDirectory(root)) {
            throw new UsageException("--cache-dir " + root + " is a file, not a folder. Pass the cache folder");
        }
        long total = 0;
        long freed = 0;
        out.println("cache " + root + ":");
        for (Path folder : children(root)) {
            String name = folder.getFileName().toString();
            Optional<CacheDirs.Part> part = CacheDirs.Part.of(name);
            long size = size(folder);
            total += size;
            out.printf(Locale.ROOT, "  %-40s %10s  %s%n", name, ByteSizes.human(size),
                    part.map(CacheDirs.Part::holds).orElse("not written by wuerstchen; left alone"));
            if (!clear && part.isPresent() && Files.isDirectory(folder)) {
                for (Path entry : children(folder)) {
                    if (entry.getFileName().toString().startsWith(".")) {
                        continue; // locks and unfinished writes
                    }
                    out.printf(Locale.ROOT, "    %-38s %10s%n", entry.getFileName(), ByteSizes.human(size(entry)));
                }
            }
            if (clear && part.isPresent()) {
                delete(folder);
                freed += size;
            }
        }
        out.printf(Locale.ROOT, "  %-40s %10s%n", "total", ByteSizes.human(total));
        if (clear) {
            out.printf(Locale.ROOT, "cleared: %s freed; what is needed again is rebuilt on the next run%n", ByteSizes.human(freed));
        } else if (total > 0) {
            out.println("'wuerstchen cache --clear' deletes it");
        }
        return ExitCode.OK;
    }

    private static List<Path> children(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new OutputFileException(folder, e);
        }
    }

    /** Bytes in a file or folder tree; files that vanish meanwhile (a concurrent run) count as 0. */
    static long size(Path p) {
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
            // the root itself vanished: nothing to count
        }
        return sum[0];
    }

    private static void delete(Path p) {
        try {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
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
        } catch (IOException e) {
            throw new OutputFileException(p, e);
        }
    }
}
