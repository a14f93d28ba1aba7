package dev.wuerstchen.app;

import dev.wuerstchen.api.error.OutputFileException;
import dev.wuerstchen.api.io.ByteSizes;
import dev.wuerstchen.api.io.CacheDirs;
import dev.wuerstchen.api.io.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
            Optional<CacheDirs.Part> part = CacheDirs.Part.of(folder);
            long size = FileTrees.size(folder);
            total += size;
            out.printf(Locale.ROOT, "  %-40s %10s  %s%n", name, ByteSizes.human(size),
                    part.map(CacheDirs.Part::holds).orElse("not (only) what wuerstchen writes; left alone"));
            if (!clear && part.isPresent() && Files.isDirectory(folder)) {
                for (Path entry : children(folder)) {
                    if (entry.getFileName().toString().startsWith(".")) {
                        continue; // locks and unfinished writes
                    }
                    out.printf(Locale.ROOT, "    %-38s %10s%n", entry.getFileName(), ByteSizes.human(FileTrees.size(entry)));
                }
            }
            if (clear && part.isPresent()) {
                freed += FileTrees.delete(folder);
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
            throw OutputFileException.notListable(folder, e);
        }
    }
}
