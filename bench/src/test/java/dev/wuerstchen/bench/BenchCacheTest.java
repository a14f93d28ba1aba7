package dev.wuerstchen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.io.FileTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a benchmark's backends put their exports: a folder of the run's own, never the user's cache. */
class BenchCacheTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private static Workload gemm() {
        GemmDefinition g = new GemmDefinition(16, 2);
        return new Workload(g.name(), ModelSize.TINY, g, Map.of(GemmDefinition.A, g.inputShape()));
    }

    private static Set<Path> temporaryCaches() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("wuerstchen-bench-cache")).collect(Collectors.toSet());
        }
    }

    @Test
    void theOutputFoldersCacheHoldsTheExports() throws IOException {
        BenchOptions options = BenchOptions.quick().withOutputDir(tmp.resolve("out"));
        assertEquals(tmp.resolve("out/cache"), options.cacheDir());
        assertFalse(options.keepCache());
        assertTrue(options.withKeepCache(true).keepCache());
        try (LoadedWorkload loaded = LoadedWorkload.open("onnxruntime", 1, options.cacheDir(), gemm(), QUIET)) {
            loaded.run();
        }
        try (Stream<Path> files = Files.walk(options.cacheDir().resolve("onnx"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.endsWith(".weights")) && names.stream().anyMatch(n -> n.endsWith(".onnx")),
                    names.toString());
        }
        assertTrue(FileTrees.delete(options.cacheDir()) > 16 * 16 * 4, "the weights were counted");
        assertFalse(Files.exists(options.cacheDir()));
        assertEquals(0, FileTrees.delete(options.cacheDir()), "nothing left to delete");
    }

    @Test
    void withoutAFolderATemporaryOneIsUsedAndDeleted() throws IOException {
        Set<Path> before = temporaryCaches();
        try (LoadedWorkload loaded = LoadedWorkload.open("onnxruntime", 1, null, gemm(), QUIET)) {
            loaded.run();
            Set<Path> during = temporaryCaches();
            during.removeAll(before);
            assertEquals(1, during.size(), "one temporary cache while the workload is open: " + during);
            Path mine = during.iterator().next();
            assertTrue(Files.isDirectory(mine.resolve("onnx")), "the export went there");
        }
        Set<Path> after = temporaryCaches();
        after.removeAll(before);
        assertEquals(Set.of(), after, "deleted when the workload closed");
    }

    @Test
    void deletingRemovesLinksWithoutFollowingThem() throws IOException {
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "keep me");
        Path cache = Files.createDirectories(tmp.resolve("cache/onnx/net-1234"));
        Files.write(cache.resolve("net.weights"), new byte[100]);
        Files.createSymbolicLink(cache.resolve("link"), outside);
        Files.createSymbolicLink(tmp.resolve("cache/dirlink"), tmp);
        FileTrees.delete(tmp.resolve("cache"));
        assertFalse(Files.exists(tmp.resolve("cache")));
        assertEquals("keep me", Files.readString(outside));
    }
}
