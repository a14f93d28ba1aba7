package dev.wuerstchen.bench;

import dev.wuerstchen.bench.BenchReport.MatmulResult;
import dev.wuerstchen.bench.BenchReport.Problem;
import dev.wuerstchen.bench.BenchReport.StepResult;
import java.io.PrintWriter;
import java.util.Locale;

/** The report as a few lines of text for the terminal. */
final class Summary {

    private static final double GIB = 1L << 30;

    private Summary() {
    }

    static void print(BenchReport r, PrintWriter out) {
        out.println();
        out.printf("Results (%s, %d cores, %.1f GiB)%n", r.machine().cpu(), r.machine().cores(), r.machine().memoryBytes() / GIB);
        out.printf("Load average before / after: %s / %s%n", r.load().atStart(), r.load().atEnd());
        for (MatmulResult m : r.matmulPeak()) {
            out.printf(Locale.ROOT, "  GEMM %-12s n=%-5d %8.3f s/call  %7.1f GFLOP/s (best %.1f)  peak RSS %.2f GiB  "
                    + "cores: self %.2f, others %.2f%n", m.backend(), m.n(), m.secondsPerCall(), m.gflopsPerSecond(),
                    m.gflopsPerSecondBest(), m.peakRssBytes() / GIB, m.selfCores(), m.otherCores());
        }
        for (StepResult s : r.steps()) {
            out.printf(Locale.ROOT, "  %-8s %-12s %8.3f s/step (median %.3f, %.3f–%.3f, n=%d)  %.3f TFLOP  %7.1f GFLOP/s "
                    + "(best %.1f%s)  peak RSS %.2f GiB  cores: self %.2f, others %.2f%n",
                    s.network(), s.backend(), s.secondsPerStep(), s.secondsMedian(), s.secondsMin(), s.secondsMax(),
                    s.samples(), s.multiplyAddFlops() / 1e12, s.gflopsPerSecond(), s.gflopsPerSecondBest(),
                    s.fractionOfMatmulPeak() > 0 ? String.format(Locale.ROOT, ", %.0f%% of GEMM peak", 100 * s.fractionOfMatmulPeak()) : "",
                    s.peakRssBytes() / GIB, s.selfCores(), s.otherCores());
        }
        for (Problem p : r.problems()) {
            out.printf("  PROBLEM %s %s: %s%n", p.backend(), p.benchmark(), p.reason());
        }
        out.println("Written: " + String.join(", ", r.files()));
        out.flush();
    }
}
