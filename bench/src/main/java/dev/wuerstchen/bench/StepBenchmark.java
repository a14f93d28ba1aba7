package dev.wuerstchen.bench;

import dev.wuerstchen.api.backend.NetworkOutputs;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Seconds per denoising step: one {@code Network.run} of the prior (batch 2) or the decoder
 * (batch 1) with synthetic weights and fixed random inputs, on a backend chosen by id. One call
 * is one sample (single-shot), since a published step takes tens of seconds on a CPU.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-Dai.djl.offline=true"})
public class StepBenchmark {

    /** A backend id as {@code BackendRegistry} knows it. */
    @Param({"nd4j"})
    public String backend;

    /** {@code prior} or {@code decoder}. */
    @Param({"prior", "decoder"})
    public String network;

    /** {@code published} or {@code tiny}. */
    @Param({"published"})
    public String size;

    /** Intra-op threads, 0 for the backend's default. */
    @Param({"0"})
    public int threads;

    /**
     * The backends' cache folder, or {@value BenchCache#TEMPORARY} for a temporary one deleted after
     * the trial; never the user's cache (see {@link BenchCache}).
     */
    @Param({BenchCache.TEMPORARY})
    public String cacheDir;

    private LoadedWorkload loaded;
    private NetworkOutputs last;

    @Setup(Level.Trial)
    public void setUp() {
        Workload w = BenchNetwork.parse(network).workload(ModelSize.parse(size));
        loaded = LoadedWorkload.open(backend, threads,
                BenchCache.TEMPORARY.equals(cacheDir) ? null : Path.of(cacheDir), w, System.out);
    }

    @Benchmark
    public NetworkOutputs step() {
        last = loaded.run();
        return last;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (last != null) {
            System.out.println("[" + backend + "/" + network + "] last output " + LoadedWorkload.describe(last));
        }
        if (loaded != null) {
            loaded.close();
        }
    }
}
