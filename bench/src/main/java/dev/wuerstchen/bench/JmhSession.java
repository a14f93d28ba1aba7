package dev.wuerstchen.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs one JMH benchmark class through the Runner API with {@link BenchOptions}' fork and
 * iteration settings, its output going to a {@link LineTee}, and reads the results back.
 */
final class JmhSession {

    /** One measured parameter combination. */
    record Measurement(Map<String, String> params, int samples, double mean, double median, double min, double max,
            double stdDev, long peakRss, long heapPeak, long heapMax, double selfCores, double otherCores) {
    }

    private final BenchOptions options;
    private final LineTee tee;

    JmhSession(BenchOptions options, LineTee tee) {
        this.options = options;
        this.tee = tee;
    }

    /** The JVM options of every fork: heap, the native-access flags, offline DJL, then the user's. */
    static List<String> forkJvmArgs(BenchOptions options, String heap) {
        List<String> args = new ArrayList<>(List.of("-Xmx" + heap, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-Dai.djl.offline=true"));
        args.addAll(options.extraJvmArgs());
        return args;
    }

    /**
     * Runs {@code benchmark}'s single {@code @Benchmark} method for every combination of
     * {@code params}. Combinations whose fork failed are absent from the result.
     */
    List<Measurement> run(Class<?> benchmark, Map<String, List<String>> params, int warmup, String heap) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark.getName()) + "\\.")
                .mode(Mode.SingleShotTime)
                .timeUnit(TimeUnit.SECONDS)
                .forks(options.forks())
                .warmupIterations(warmup)
                .measurementIterations(options.measurementIterations())
                // explicit: neither the host's options (a test runner's, a debugger's) nor the
                // annotations' -Xmx reach the fork
                .jvmArgs(forkJvmArgs(options, heap).toArray(String[]::new))
                .jvmArgsAppend()
                .jvmArgsPrepend()
                .addProfiler(ForkProfiler.class)
                .shouldFailOnError(false)
                .verbosity(VerboseMode.NORMAL);
        params.forEach((k, v) -> b.param(k, v.toArray(String[]::new)));
        PrintStream ps = new PrintStream(tee, true, StandardCharsets.UTF_8);
        Collection<RunResult> results;
        // JMH prints what a fork writes (its progress, its errors) to this JVM's System.out/err,
        // not to the output format: route both through the tee while JMH runs.
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(ps);
        System.setErr(ps);
        try {
            results = new Runner(b.build(), OutputFormatFactory.createFormatInstance(ps, VerboseMode.NORMAL)).run();
        } catch (RunnerException e) {
            throw new BenchmarkException("JMH could not run " + benchmark.getSimpleName() + ": " + e.getMessage()
                    + ". If another benchmark is running, wait for it (JMH allows one run at a time per machine)", e);
        } finally {
            ps.flush();
            System.setOut(stdout);
            System.setErr(stderr);
        }
        List<Measurement> out = new ArrayList<>();
        for (RunResult r : results) {
            Map<String, String> p = new java.util.LinkedHashMap<>();
            for (String key : r.getParams().getParamsKeys()) {
                p.put(key, r.getParams().getParam(key));
            }
            Result<?> primary = r.getPrimaryResult();
            var st = primary.getStatistics();
            Map<String, ?> secondary = r.getSecondaryResults(); // a raw Result map in JMH's API
            out.add(new Measurement(p, (int) st.getN(), primary.getScore(), st.getPercentile(50), st.getMin(),
                    st.getMax(), st.getN() > 1 ? st.getStandardDeviation() : 0, (long) score(secondary, ForkProfiler.PEAK_RSS),
                    (long) score(secondary, ForkProfiler.HEAP_PEAK), (long) score(secondary, ForkProfiler.HEAP_MAX),
                    score(secondary, ForkProfiler.SELF_CORES), score(secondary, ForkProfiler.OTHER_CORES)));
        }
        return out;
    }

    private static double score(Map<String, ?> secondary, String key) {
        return secondary.get(key) instanceof Result<?> r ? r.getScore() : -1;
    }

    /**
     * Why a parameter combination has no result, read from the JMH log of the block whose
     * parameters include every {@code key = value} given: the exception after JMH's
     * {@code <failure>} marker, or the exit code of a fork that died and the last line it printed.
     */
    String failureReason(Map<String, String> params) {
        return failureReason(tee.lines(), params);
    }

    static String failureReason(List<String> lines, Map<String, String> params) {
        boolean inBlock = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("# Parameters:")) {
                inBlock = params.entrySet().stream().allMatch(e -> line.contains(e.getKey() + " = " + e.getValue()));
            } else if (inBlock && line.contains("<failure>")) {
                String next = nextNonBlank(lines, i + 1, "# ");
                return next == null ? "the benchmark threw; see the JMH log" : next;
            } else if (inBlock && line.startsWith("<forked VM failed")) {
                String reason = line.replaceAll("[<>]", "");
                if (reason.endsWith("exit code 137")) {
                    reason += " (killed by SIGKILL: on Linux most likely the kernel's out-of-memory killer)";
                }
                String said = printed(lines, i + 1);
                return said.isEmpty() ? reason : reason + ": " + said;
            }
        }
        return "no result (the fork ended without one); see the JMH log";
    }

    /** Up to three lines the dead fork printed (its stdout or stderr section of the log), joined. */
    private static String printed(List<String> lines, int from) {
        List<String> said = new ArrayList<>();
        for (int j = from; j < lines.size() && said.size() < 3; j++) {
            String s = lines.get(j).strip();
            if (s.startsWith("</") || s.startsWith("# ")) {
                break;
            }
            if (!s.isEmpty() && !s.startsWith("<")) {
                said.add(s);
            }
        }
        return String.join(" / ", said);
    }

    /** The first line from {@code from} that is not blank and does not start with {@code skip}. */
    private static String nextNonBlank(List<String> lines, int from, String skip) {
        for (int j = from; j < lines.size() && !lines.get(j).startsWith("# Run complete"); j++) {
            String s = lines.get(j).strip();
            if (!s.isEmpty() && !s.startsWith(skip)) {
                return s;
            }
        }
        return null;
    }
}
