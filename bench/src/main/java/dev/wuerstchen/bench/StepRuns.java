package dev.wuerstchen.bench;

import dev.wuerstchen.bench.BenchReport.MatmulResult;
import dev.wuerstchen.bench.BenchReport.Problem;
import dev.wuerstchen.bench.BenchReport.StepResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs {@link StepBenchmark} and joins its times with the FLOP counts and the GEMM peak. */
final class StepRuns {

    private StepRuns() {
    }

    static List<StepResult> run(JmhSession jmh, BenchOptions o, List<String> backends, Map<BenchNetwork, Workload> workloads,
            Map<BenchNetwork, FlopCount> flops, List<MatmulResult> matmul, List<Problem> problems) {
        List<String> networks = o.networks().stream().map(BenchNetwork::id).toList();
        List<JmhSession.Measurement> ms = jmh.run(StepBenchmark.class, Map.of("backend", backends, "network", networks,
                "size", List.of(o.size().id()), "threads", List.of(String.valueOf(o.threads())),
                "cacheDir", List.of(o.cacheDir().toAbsolutePath().toString())), o.warmupIterations(), o.forkHeap());
        List<StepResult> out = new ArrayList<>();
        for (String backend : backends) {
            for (BenchNetwork n : o.networks()) {
                var found = ms.stream().filter(m -> m.params().get("backend").equals(backend)
                        && m.params().get("network").equals(n.id())).findFirst();
                if (found.isEmpty()) {
                    problems.add(new Problem(backend, n.id() + " step",
                            jmh.failureReason(Map.of("backend", backend, "network", n.id()))));
                    continue;
                }
                out.add(result(backend, n, workloads.get(n), flops.get(n), found.get(), MatmulRuns.peak(matmul, backend)));
            }
        }
        return out;
    }

    static StepResult result(String backend, BenchNetwork n, Workload w, FlopCount f, JmhSession.Measurement m,
            double gemmPeak) {
        Map<String, Long> byKind = new LinkedHashMap<>();
        f.flops().forEach((k, v) -> byKind.put(k.name().toLowerCase(Locale.ROOT), v));
        double gflops = f.multiplyAddFlops() / m.mean() / 1e9;
        double best = f.multiplyAddFlops() / m.min() / 1e9;
        long params = w.definition().manifest().elementCount();
        return new StepResult(backend, n.id(), w.size().id(), w.describeInputs(), params, params * Float.BYTES,
                m.samples(), m.mean(), m.median(), m.min(), m.max(), m.stdDev(), f.multiplyAddFlops(),
                f.elementwiseFlops(), byKind, gflops, best, gemmPeak > 0 ? best / gemmPeak : -1, m.peakRss(),
                m.heapPeak(), m.heapMax(), m.selfCores(), m.otherCores());
    }
}
