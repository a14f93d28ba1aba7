package dev.wuerstchen.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link BenchMain} measures and how.
 *
 * @param backends backend ids to measure; empty for every backend that runs here
 * @param networks the networks whose step is measured
 * @param size published (the real cost) or tiny (a smoke run in seconds)
 * @param matmulSizes matrix sides of the GEMM peak benchmark; empty to skip it
 * @param forks JMH forks per benchmark (0 runs in this JVM: no separate memory figures)
 * @param warmupIterations calls before measuring (the first call pays one-time costs)
 * @param measurementIterations measured calls (each one sample)
 * @param threads intra-op threads given to the backend, 0 for its default
 * @param forkHeap {@code -Xmx} of each fork, e.g. {@code 4g}; weights of native backends live
 *     outside the heap
 * @param extraJvmArgs further options for each fork
 * @param outputDir where the JSON, SVG and JMH log are written
 * @param keepCache whether {@link #cacheDir()} (the graph backends' exports of the synthetic weights,
 *     gigabytes for the published networks) stays after the run; by default it is deleted
 */
public record BenchOptions(List<String> backends, List<BenchNetwork> networks, ModelSize size, List<Integer> matmulSizes,
        int forks, int warmupIterations, int measurementIterations, int threads, String forkHeap, List<String> extraJvmArgs,
        Path outputDir, boolean keepCache) {

    public static final Path DEFAULT_OUTPUT = Path.of("bench-results");

    public BenchOptions {
        backends = List.copyOf(backends);
        networks = List.copyOf(networks);
        matmulSizes = List.copyOf(matmulSizes);
        extraJvmArgs = List.copyOf(extraJvmArgs);
        if (forks < 0 || warmupIterations < 0 || measurementIterations < 1 || threads < 0) {
            throw new IllegalArgumentException("forks " + forks + ", warmup " + warmupIterations + ", iterations "
                    + measurementIterations + ", threads " + threads + ": counts must be ≥ 0 and iterations ≥ 1");
        }
        if (!forkHeap.matches("[0-9]+[kKmMgG]?")) {
            throw new IllegalArgumentException("fork heap '" + forkHeap + "' is not a size like 4g or 2048m");
        }
        for (int n : matmulSizes) {
            if (n < 1) {
                throw new IllegalArgumentException("matmul size " + n + " must be positive");
            }
        }
    }

    /** The real measurement: published configurations, GEMM peak at 2048 and 4096, 1 + 3 calls. */
    public static BenchOptions defaults() {
        return new BenchOptions(List.of(), List.of(BenchNetwork.values()), ModelSize.PUBLISHED, List.of(2048, 4096), 1, 1,
                3, 0, "4g", List.of(), DEFAULT_OUTPUT, false);
    }

    /** A smoke run of the whole path in seconds: tiny configurations, a 256² GEMM, 1 + 2 calls. */
    public static BenchOptions quick() {
        return new BenchOptions(List.of(), List.of(BenchNetwork.values()), ModelSize.TINY, List.of(256), 1, 1, 2, 0, "1g",
                List.of(), DEFAULT_OUTPUT, false);
    }

    public BenchOptions withBackends(List<String> ids) {
        return new BenchOptions(ids, networks, size, matmulSizes, forks, warmupIterations, measurementIterations, threads,
                forkHeap, extraJvmArgs, outputDir, keepCache);
    }

    public BenchOptions withNetworks(List<BenchNetwork> n) {
        return new BenchOptions(backends, n, size, matmulSizes, forks, warmupIterations, measurementIterations, threads,
                forkHeap, extraJvmArgs, outputDir, keepCache);
    }

    public BenchOptions withMatmulSizes(List<Integer> sizes) {
        return new BenchOptions(backends, networks, size, sizes, forks, warmupIterations, measurementIterations, threads,
                forkHeap, extraJvmArgs, outputDir, keepCache);
    }

    public BenchOptions withIterations(int forkCount, int warmup, int measured) {
        return new BenchOptions(backends, networks, size, matmulSizes, forkCount, warmup, measured, threads, forkHeap,
                extraJvmArgs, outputDir, keepCache);
    }

    public BenchOptions withThreads(int n) {
        return new BenchOptions(backends, networks, size, matmulSizes, forks, warmupIterations, measurementIterations, n,
                forkHeap, extraJvmArgs, outputDir, keepCache);
    }

    public BenchOptions withJvm(String heap, List<String> extra) {
        return new BenchOptions(backends, networks, size, matmulSizes, forks, warmupIterations, measurementIterations,
                threads, heap, extra, outputDir, keepCache);
    }

    public BenchOptions withOutputDir(Path dir) {
        return new BenchOptions(backends, networks, size, matmulSizes, forks, warmupIterations, measurementIterations,
                threads, forkHeap, extraJvmArgs, dir, keepCache);
    }

    /** Keeps {@link #cacheDir()} after the run (to look at the exports, or to skip exporting next time). */
    public BenchOptions withKeepCache(boolean keep) {
        return new BenchOptions(backends, networks, size, matmulSizes, forks, warmupIterations, measurementIterations,
                threads, forkHeap, extraJvmArgs, outputDir, keep);
    }

    /**
     * Where the backends cache exported graphs and compiled models during the run: {@code cache/} in
     * the output folder, never the user's own cache, which synthetic weights would fill with gigabytes.
     */
    public Path cacheDir() {
        return outputDir.resolve("cache");
    }
}
