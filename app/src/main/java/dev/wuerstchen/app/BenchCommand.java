package dev.wuerstchen.app;

import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.bench.BenchMain;
import dev.wuerstchen.bench.BenchNetwork;
import dev.wuerstchen.bench.BenchOptions;
import dev.wuerstchen.bench.SyntheticModel;
import dev.wuerstchen.engine.demo.DemoModel;
import dev.wuerstchen.engine.demo.ModelPairConfigs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** JMH benchmarks of one prior step and one decoder step on the backends, plus the machine's GEMM peak. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure seconds per prior step (guided batch 2, 24×24) and per decoder step (256×256) with the "
                + "published configurations and random weights on each backend, with FLOPs per step, GFLOP/s, peak "
                + "memory and the matrix-product peak; writes bench.json, bench.svg and the JMH log.",
                "A full run loads ~4 GB of weights per network and backend and takes minutes; --quick checks the path in "
                        + "seconds. Nothing else should run on the machine while it measures.",
                "--write-model DIR instead writes a model pair with the published configurations and synthetic weights "
                        + "(about 5.8 GiB in float16) that 'generate --model-dir DIR' runs end to end."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Tiny configurations and a 256² GEMM: the whole path in seconds.")
    boolean quick;

    @Option(names = "--backends", split = ",", paramLabel = "ID,...",
            description = "Backends to measure (default: every one that runs here).")
    List<String> backends = new ArrayList<>();

    @Option(names = "--networks", split = ",", paramLabel = "NAME,...", description = "prior, decoder (default: both).")
    List<String> networks = new ArrayList<>();

    @Option(names = "--matmul", split = ",", paramLabel = "N,...",
            description = "Sides of the GEMM peak benchmark (default 2048,4096; quick: 256); 0 skips it.")
    List<Integer> matmul = new ArrayList<>();

    @Option(names = "--iterations", paramLabel = "N", description = "Measured calls per benchmark (default 3; quick: 2).")
    Integer iterations;

    @Option(names = "--warmup", paramLabel = "N", description = "Calls before measuring (default 1).")
    Integer warmup;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Intra-op threads (0: the backend's default).")
    int threads;

    @Option(names = "--heap", paramLabel = "SIZE", description = "-Xmx of each benchmark JVM (default 4g; quick: 1g).")
    String heap;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
            description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--replot", paramLabel = "DIR", description = "Only redraw DIR/bench.svg from DIR/bench.json.")
    Path replot;

    @Option(names = "--keep-cache",
            description = "Keep the graphs exported for the benchmark (in <out>/cache; several GB at the real sizes).")
    boolean keepCache;

    @Option(names = "--write-model", paramLabel = "DIR",
            description = "Only write a synthetic model pair (wuerstchen-prior/ and wuerstchen/, published configurations, "
                    + "random weights) to DIR, a new or empty folder; with --quick, the demo model's small configurations.")
    Path writeModel;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float16",
            description = "Weight type of --write-model: float16, bfloat16 or float32 (twice the disk). Default: ${DEFAULT-VALUE}.")
    String dtype;

    /** The options that go with --write-model. */
    private static final List<String> WRITE_MODEL_OPTIONS = List.of("--write-model", "--dtype", "--quick");

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        if (writeModel != null) {
            return writeModel(stdout);
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--dtype")) {
            throw new UsageException("--dtype chooses the weights' type of --write-model. Add --write-model DIR, or drop "
                    + "--dtype (benchmarks always run float32)");
        }
        if (replot != null) {
            stdout.println("wrote " + BenchMain.replot(replot));
            return ExitCode.OK;
        }
        BenchOptions o;
        try {
            o = quick ? BenchOptions.quick() : BenchOptions.defaults();
            if (!backends.isEmpty()) {
                o = o.withBackends(backends);
            }
            if (!networks.isEmpty()) {
                o = o.withNetworks(networks.stream().map(BenchNetwork::parse).toList());
            }
            if (!matmul.isEmpty()) {
                o = o.withMatmulSizes(matmul.equals(List.of(0)) ? List.of() : matmul);
            }
            if (iterations != null || warmup != null) {
                o = o.withIterations(o.forks(), warmup != null ? warmup : o.warmupIterations(),
                        iterations != null ? iterations : o.measurementIterations());
            }
            if (heap != null) {
                o = o.withJvm(heap, o.extraJvmArgs());
            }
            o = o.withThreads(threads).withOutputDir(out).withKeepCache(keepCache);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            BenchMain.run(o, stdout);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return ExitCode.OK;
    }

    private int writeModel(PrintWriter stdout) {
        List<String> benchmarkOptions = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(o -> o.longestName()).filter(n -> !WRITE_MODEL_OPTIONS.contains(n)).toList();
        if (!benchmarkOptions.isEmpty()) {
            throw new UsageException("--write-model writes a model folder and runs no benchmark, so " + benchmarkOptions
                    + " would be ignored. Drop them, or run the benchmark without --write-model");
        }
        PrintWriter err = spec.commandLine().getErr();
        ModelPairConfigs configs = quick ? DemoModel.CONFIGS : ModelPairConfigs.PUBLISHED;
        try {
            DType type = SyntheticModel.parseDtype(dtype);
            SyntheticModel.requireNewOrEmpty(writeModel);
            SyntheticModel.write(writeModel, configs, type, line -> {
                err.println(line);
                err.flush();
            });
        } catch (IllegalArgumentException e) { // also when another process created the folder meanwhile
            throw new UsageException(e.getMessage());
        }
        stdout.println("wrote " + writeModel + " (run: wuerstchen generate --model-dir " + writeModel + " ...)");
        return ExitCode.OK;
    }
}
