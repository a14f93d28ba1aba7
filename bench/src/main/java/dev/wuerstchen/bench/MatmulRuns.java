package dev.wuerstchen.bench;

import dev.wuerstchen.bench.BenchReport.MatmulResult;
import dev.wuerstchen.bench.BenchReport.Problem;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs {@link MatmulPeakBenchmark} and turns its times into GFLOP/s. */
final class MatmulRuns {

    private MatmulRuns() {
    }

    static List<MatmulResult> run(JmhSession jmh, BenchOptions o, List<String> backends, List<Problem> problems) {
        List<String> sizes = o.matmulSizes().stream().map(String::valueOf).toList();
        List<JmhSession.Measurement> ms = jmh.run(MatmulPeakBenchmark.class, Map.of("backend", backends, "n", sizes,
                "threads", List.of(String.valueOf(o.threads())), "cacheDir", List.of(o.cacheDir().toAbsolutePath().toString())),
                Math.max(o.warmupIterations(), 1), "2g");
        List<MatmulResult> out = new ArrayList<>();
        for (String backend : backends) {
            for (int n : o.matmulSizes()) {
                var found = ms.stream().filter(m -> m.params().get("backend").equals(backend)
                        && m.params().get("n").equals(String.valueOf(n))).findFirst();
                if (found.isEmpty()) {
                    problems.add(new Problem(backend, "matmul n=" + n,
                            jmh.failureReason(Map.of("backend", backend, "n", String.valueOf(n)))));
                    continue;
                }
                JmhSession.Measurement m = found.get();
                long flops = new GemmDefinition(n, MatmulPeakBenchmark.REPEATS).flops();
                out.add(new MatmulResult(backend, n, MatmulPeakBenchmark.REPEATS, flops, m.samples(), m.mean(), m.min(),
                        flops / m.mean() / 1e9, flops / m.min() / 1e9, m.peakRss(), m.selfCores(), m.otherCores()));
            }
        }
        return out;
    }

    /** The best GEMM rate measured for a backend (fastest call of any size), or -1. */
    static double peak(List<MatmulResult> results, String backend) {
        return results.stream().filter(r -> r.backend().equals(backend)).mapToDouble(MatmulResult::gflopsPerSecondBest)
                .max().orElse(-1);
    }

    /** Prints the fastest a step could be at each backend's GEMM peak, so the wait is known. */
    static void printEstimates(PrintWriter out, List<MatmulResult> results, Map<BenchNetwork, FlopCount> flops,
            BenchOptions o) {
        for (MatmulResult r : results) {
            out.printf(Locale.ROOT, "GEMM %s n=%d: %.1f GFLOP/s (best call %.1f); other processes used %.2f cores%n",
                    r.backend(), r.n(), r.gflopsPerSecond(), r.gflopsPerSecondBest(), r.otherCores());
        }
        for (String backend : results.stream().map(MatmulResult::backend).distinct().toList()) {
            double peak = peak(results, backend);
            flops.forEach((n, f) -> out.printf(Locale.ROOT,
                    "%s on %s: at the GEMM peak a step takes at least %.1f s; this run makes %d calls%n", n.id(), backend,
                    f.multiplyAddFlops() / (peak * 1e9), o.warmupIterations() + o.measurementIterations()));
        }
    }
}
