package dev.wuerstchen.bench;

import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that runs inside the benchmark's fork and reports, per iteration: peak resident
 * set (VmHWM, which includes loading the weights), peak heap, the heap limit, and how many cores
 * this process and everything else on the machine kept busy meanwhile. The last one tells a clean
 * measurement from one slowed down by other work on a small machine.
 */
public final class ForkProfiler implements InternalProfiler {

    public static final String PEAK_RSS = "mem.peakRss";
    public static final String HEAP_PEAK = "mem.heapPeak";
    public static final String HEAP_MAX = "mem.heapMax";
    public static final String SELF_CORES = "cpu.selfCores";
    public static final String OTHER_CORES = "cpu.otherCores";

    private CpuUsage.Sample start;

    public ForkProfiler() {
    }

    @Override
    public String getDescription() {
        return "peak resident set (VmHWM), heap, and cores used by this fork and by other processes";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        start = CpuUsage.sample();
    }

    @Override
    public List<Result<?>> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        CpuUsage.Cores cores = CpuUsage.since(start);
        return List.of(
                new ScalarResult(PEAK_RSS, ProcessMemory.peakRssBytes(), "bytes", AggregationPolicy.MAX),
                new ScalarResult(HEAP_PEAK, ProcessMemory.heapPeakBytes(), "bytes", AggregationPolicy.MAX),
                new ScalarResult(HEAP_MAX, ProcessMemory.heapMaxBytes(), "bytes", AggregationPolicy.MAX),
                new ScalarResult(SELF_CORES, cores.self(), "cores", AggregationPolicy.AVG),
                new ScalarResult(OTHER_CORES, cores.others(), "cores", AggregationPolicy.AVG));
    }
}
