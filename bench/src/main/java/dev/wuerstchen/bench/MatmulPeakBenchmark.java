package dev.wuerstchen.bench;

import dev.wuerstchen.api.backend.NetworkOutputs;
import java.util.Map;
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
 * The matrix-product peak of a backend: one call of {@link GemmDefinition} ({@value #REPEATS}
 * float32 n×n·n×n products) per sample. GFLOP/s = {@code REPEATS·2n³ / seconds}. On nd4j this is
 * ND4J's GEMM (OpenBLAS sgemm), the best rate any op of a step can reach.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-Dai.djl.offline=true"})
public class MatmulPeakBenchmark {

    /** Products per call. */
    public static final int REPEATS = 2;

    @Param({"nd4j"})
    public String backend;

    /** Matrix side. */
    @Param({"2048", "4096"})
    public int n;

    @Param({"0"})
    public int threads;

    /**
     * The backends' cache folder, or {@value BenchCache#TEMPORARY} for a temporary one deleted after
     * the trial; never the user's cache (see {@link BenchCache}).
     */
    @Param({BenchCache.TEMPORARY})
    public String cacheDir;

    private LoadedWorkload loaded;

    @Setup(Level.Trial)
    public void setUp() {
        GemmDefinition gemm = new GemmDefinition(n, REPEATS);
        Workload w = new Workload(gemm.name(), ModelSize.PUBLISHED, gemm, Map.of(GemmDefinition.A, gemm.inputShape()));
        loaded = LoadedWorkload.open(backend, threads,
                BenchCache.TEMPORARY.equals(cacheDir) ? null : Path.of(cacheDir), w, System.out);
    }

    @Benchmark
    public NetworkOutputs gemm() {
        return loaded.run();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (loaded != null) {
            loaded.close();
        }
    }
}
