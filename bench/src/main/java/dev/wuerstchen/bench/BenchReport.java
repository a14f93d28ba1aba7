package dev.wuerstchen.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one {@link BenchMain} run measured; written as {@code bench.json}. Times in seconds,
 * memory in bytes, rates in GFLOP/s (10⁹ multiply-add FLOPs per second, 2 per MAC).
 *
 * @param created ISO-8601 instant of the run
 * @param files the files written (JSON, SVG, JMH log), as paths
 */
public record BenchReport(String created, Machine machine, Load load, Settings settings, List<MatmulResult> matmulPeak,
        List<StepResult> steps, List<Problem> problems, Map<String, String> notes, List<String> files) {

    public BenchReport {
        matmulPeak = List.copyOf(matmulPeak);
        steps = List.copyOf(steps);
        problems = List.copyOf(problems);
        files = List.copyOf(files);
    }

    /** The machine the figures belong to. */
    public record Machine(String cpu, int cores, long memoryBytes, String os, String java) {
    }

    /**
     * The machine's load average (1, 5, 15 minutes, from /proc/loadavg) before and after the run:
     * with 2 cores, anything else running shows here and slows the figures down.
     */
    public record Load(String atStart, String atEnd) {
    }

    /** How the run was made. */
    public record Settings(String size, List<String> backends, List<String> networks, int forks, int warmupIterations,
            int measurementIterations, int threads, List<String> forkJvmArgs) {
    }

    /**
     * One GEMM peak figure: {@code gflopsPerSecond} from the mean time, {@code gflopsPerSecondBest}
     * from the fastest call.
     *
     * @param selfCores cores this fork kept busy on average while measuring
     * @param otherCores cores other processes kept busy meanwhile (0 for a clean measurement)
     */
    public record MatmulResult(String backend, int n, int repeats, long flopsPerCall, int samples, double secondsPerCall,
            double secondsMin, double gflopsPerSecond, double gflopsPerSecondBest, long peakRssBytes, double selfCores,
            double otherCores) {
    }

    /**
     * One step figure.
     *
     * @param secondsPerStep the mean of the measured calls (JMH's score)
     * @param flopsByKind FLOPs per {@link OpKind}, lower-case names
     * @param gflopsPerSecond multiply-add FLOPs over the mean time
     * @param gflopsPerSecondBest multiply-add FLOPs over the fastest call
     * @param fractionOfMatmulPeak best step rate over the backend's best GEMM rate, -1 if unknown
     * @param selfCores cores this fork kept busy on average while measuring
     * @param otherCores cores other processes kept busy meanwhile (0 for a clean measurement)
     */
    public record StepResult(String backend, String network, String size, String inputs, long parameters,
            long weightBytes, int samples, double secondsPerStep, double secondsMedian, double secondsMin,
            double secondsMax, double secondsStdDev, long multiplyAddFlops, long elementwiseFlops,
            Map<String, Long> flopsByKind, double gflopsPerSecond, double gflopsPerSecondBest,
            double fractionOfMatmulPeak, long peakRssBytes, long heapPeakBytes, long heapMaxBytes, double selfCores,
            double otherCores) {
    }

    /** A backend that was skipped or a benchmark that produced no result, and why. */
    public record Problem(String backend, String benchmark, String reason) {
    }

    /** The step of a backend and network, if it was measured. */
    public java.util.Optional<StepResult> step(String backend, String network) {
        return steps.stream().filter(s -> s.backend().equals(backend) && s.network().equals(network)).findFirst();
    }
}
