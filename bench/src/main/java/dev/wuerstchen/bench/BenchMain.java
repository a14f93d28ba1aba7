package dev.wuerstchen.bench;

import dev.wuerstchen.api.backend.Availability;
import dev.wuerstchen.api.backend.BackendProvider;
import dev.wuerstchen.api.error.OutputFileException;
import dev.wuerstchen.api.error.WuerstchenException;
import dev.wuerstchen.api.io.AtomicFiles;
import dev.wuerstchen.api.io.FileTrees;
import dev.wuerstchen.bench.BenchReport.MatmulResult;
import dev.wuerstchen.bench.BenchReport.Problem;
import dev.wuerstchen.bench.BenchReport.StepResult;
import dev.wuerstchen.engine.BackendRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the benchmarks through JMH's Runner API and writes what they measured: {@code bench.json}
 * (every figure), {@code bench.svg} (bar charts) and {@code jmh-output.txt} (JMH's log) in the
 * output folder. Callable from other code ({@link #run}) and from the command line ({@link #main}).
 *
 * <p>Order: the GEMM peak first (short, and it tells how long a step will take at best), then the
 * steps, each network and backend in its own fork so peak memory is per combination.
 *
 * <p>The backends cache their exports in {@link BenchOptions#cacheDir()} ({@code cache/} in the output
 * folder), which is deleted when the run ends unless {@link BenchOptions#keepCache()}.
 */
public final class BenchMain {

    static final String JSON = "bench.json";
    static final String SVG = "bench.svg";
    static final String LOG = "jmh-output.txt";

    private BenchMain() {
    }

    /**
     * Measures, writes the files and returns the report.
     *
     * @throws IllegalArgumentException for an unknown backend id
     * @throws BenchmarkException if no requested backend can run here or JMH cannot start
     * @throws OutputFileException if the output folder cannot be written
     */
    public static BenchReport run(BenchOptions options, PrintWriter out) {
        String loadAtStart = MachineInfo.loadAverage();
        List<Problem> problems = new ArrayList<>();
        List<String> backends = selectBackends(options, out, problems);
        Path dir = options.outputDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new OutputFileException(dir, e);
        }
        Map<BenchNetwork, Workload> workloads = new EnumMap<>(BenchNetwork.class);
        Map<BenchNetwork, FlopCount> flops = new EnumMap<>(BenchNetwork.class);
        for (BenchNetwork n : options.networks()) {
            Workload w = n.workload(options.size());
            workloads.put(n, w);
            flops.put(n, w.flops());
            out.printf(Locale.ROOT, "%s (%s): %s, %,d parameters, %.3f TFLOP multiply-add + %.3f TFLOP element-wise per step%n",
                    n.id(), options.size().id(), w.describeInputs(), w.definition().manifest().elementCount(),
                    flops.get(n).multiplyAddFlops() / 1e12, flops.get(n).elementwiseFlops() / 1e12);
        }
        Path logFile = dir.resolve(LOG);
        List<MatmulResult> matmul = new ArrayList<>();
        List<StepResult> steps = new ArrayList<>();
        RuntimeException failure = null;
        try (Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
                LineTee tee = new LineTee(out, log)) {
            JmhSession jmh = new JmhSession(options, tee);
            if (!options.matmulSizes().isEmpty()) {
                out.printf("== GEMM peak: %s, n = %s ==%n", backends, options.matmulSizes());
                matmul = MatmulRuns.run(jmh, options, backends, problems);
                MatmulRuns.printEstimates(out, matmul, flops, options);
            }
            if (!options.networks().isEmpty()) {
                out.printf("== Steps: %s on %s, %d warm-up + %d measured calls each ==%n",
                        options.networks().stream().map(BenchNetwork::id).toList(), backends,
                        options.warmupIterations(), options.measurementIterations());
                steps = StepRuns.run(jmh, options, backends, workloads, flops, matmul, problems);
            }
        } catch (IOException e) {
            failure = new OutputFileException(logFile, e);
            throw failure;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            finishCache(options, out, failure);
        }
        BenchReport report = new BenchReport(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), MachineInfo.describe(),
                new BenchReport.Load(loadAtStart, MachineInfo.loadAverage()), settings(options, backends), matmul, steps, problems, notes(options),
                List.of(dir.resolve(JSON).toString(), dir.resolve(SVG).toString(), logFile.toString()));
        ReportFiles.write(report, dir.resolve(JSON), dir.resolve(SVG));
        Summary.print(report, out);
        return report;
    }

    /**
     * Deletes the run's export cache, or says where it was kept. A failure to delete is thrown, or added
     * to {@code failure} when the run is already failing.
     */
    private static void finishCache(BenchOptions options, PrintWriter out, RuntimeException failure) {
        Path cache = options.cacheDir();
        if (options.keepCache()) {
            if (Files.isDirectory(cache)) {
                out.printf("Kept the backends' export cache: %s%n", cache);
            }
            return;
        }
        try {
            long bytes = FileTrees.delete(cache);
            if (bytes > 0) {
                out.printf(Locale.ROOT, "Deleted the backends' export cache %s (%.2f GiB)%n", cache,
                        bytes / (double) (1L << 30));
            }
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    /**
     * Draws {@code dir/bench.svg} again from {@code dir/bench.json} (after a change to the chart, or
     * to look at an older run the same way).
     *
     * @throws BenchmarkException if the JSON cannot be read
     * @throws OutputFileException if the SVG cannot be written
     */
    public static Path replot(Path dir) {
        Path json = dir.resolve(JSON);
        BenchReport report;
        try {
            report = ReportFiles.readJson(json);
        } catch (IOException e) {
            throw new BenchmarkException(json + ": cannot be read as a benchmark report (" + e.getMessage()
                    + "). Point --replot at a folder a benchmark run wrote", e);
        }
        Path svg = dir.resolve(SVG);
        AtomicFiles.write(svg, SvgChart.render(report).getBytes(StandardCharsets.UTF_8));
        return svg;
    }

    /** The requested backends that run here; the others become problems. Fails if none is left. */
    static List<String> selectBackends(BenchOptions options, PrintWriter out, List<Problem> problems) {
        BackendRegistry registry = BackendRegistry.discover();
        List<String> wanted = options.backends().isEmpty() ? registry.ids() : options.backends();
        List<String> usable = new ArrayList<>();
        for (String id : wanted) {
            BackendProvider p = registry.provider(id); // unknown id: IllegalArgumentException naming the known ones
            switch (p.probe()) {
                case Availability.Available a -> {
                    out.printf("backend %s: %s%n", id, a.version());
                    usable.add(id);
                }
                case Availability.Unavailable u -> {
                    out.printf("backend %s: skipped, not available: %s%n", id, u.searched());
                    problems.add(new Problem(id, "all", "not available here: " + u.searched() + ". " + u.howToFix()));
                }
            }
        }
        if (usable.isEmpty()) {
            throw new BenchmarkException("bench: none of the backends " + wanted + " can run here (registered: "
                    + registry.ids() + "). Add a backend module to the class path, or see 'wuerstchen info'");
        }
        return usable;
    }

    private static BenchReport.Settings settings(BenchOptions o, List<String> backends) {
        return new BenchReport.Settings(o.size().id(), backends, o.networks().stream().map(BenchNetwork::id).toList(),
                o.forks(), o.warmupIterations(), o.measurementIterations(), o.threads(),
                JmhSession.forkJvmArgs(o, o.forkHeap()));
    }

    private static Map<String, String> notes(BenchOptions o) {
        Map<String, String> n = new LinkedHashMap<>();
        n.put("step", "one Network.run: the prior on its classifier-free-guidance batch of 2, the decoder on batch 1;"
                + " host input/output copies included");
        n.put("weights", "synthetic random float32 weights of the full configuration (SyntheticCheckpoint, seed "
                + LoadedWorkload.SEED + "); values do not change the cost of dense float32 kernels");
        n.put("flops", "multiplyAddFlops = 2 per multiply-add of conv, transposed conv, linear, matmul and attention's two"
                + " products (biases not counted); elementwiseFlops = 1 per output element of every other computing op;"
                + " gflopsPerSecond = multiplyAddFlops / secondsPerStep / 1e9");
        n.put("cache", "graph backends exported the synthetic weights into " + o.cacheDir() + (o.keepCache()
                ? ", kept after the run" : ", deleted after the run"));
        n.put("memory", o.forks() > 0
                ? "peakRssBytes = VmHWM of the benchmark's own fork (weights, activations, JVM); heap figures from the"
                        + " fork's MXBeans (heapPeak sums pool peaks: an upper bound)"
                : "forks = 0: memory figures are those of the calling JVM, not of the benchmark alone");
        return n;
    }
}
