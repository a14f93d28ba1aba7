package dev.wuerstchen.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line options of {@link BenchMain}. The app's {@code wuerstchen bench} builds
 * {@link BenchOptions} itself; this is for running the module on its own.
 */
record BenchArgs(BenchOptions options, boolean help, Path replot) {

    static final String USAGE = """
            usage: BenchMain [--quick] [--backend ID,...] [--network prior,decoder] [--matmul N,...|none]
                             [--forks N] [--warmup N] [--iterations N] [--threads N] [--heap SIZE]
                             [--jvm-arg ARG]... [--out DIR]
                   BenchMain --replot DIR   (redraws DIR/bench.svg from DIR/bench.json)
              --quick        tiny configurations and a 256² GEMM: the whole path in seconds
              --backend      backends to measure (default: every one that runs here)
              --network      networks whose step is measured (default: prior,decoder)
              --matmul       GEMM peak sizes (default: 2048,4096; quick: 256); 'none' skips it
              --forks        JMH forks per benchmark (default 1; 0 runs in this JVM)
              --warmup       calls before measuring (default 1)
              --iterations   measured calls (default 3; quick: 2)
              --threads      intra-op threads for the backend (default: its own choice)
              --heap         -Xmx of each step fork (default 4g; quick: 1g)
              --jvm-arg      one more option for each fork (repeatable)
              --out          output folder (default bench-results)""";

    static BenchArgs parse(String... args) {
        List<String> a = Arrays.asList(args);
        BenchOptions o = a.contains("--quick") ? BenchOptions.quick() : BenchOptions.defaults();
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--quick" -> {
                }
                case "--help", "-h" -> {
                    return new BenchArgs(o, true, null);
                }
                case "--replot" -> {
                    return new BenchArgs(o, false, Path.of(value(args, ++i, flag)));
                }
                case "--backend" -> o = o.withBackends(list(value(args, ++i, flag)));
                case "--network" -> o = o.withNetworks(list(value(args, ++i, flag)).stream().map(BenchNetwork::parse).toList());
                case "--matmul" -> {
                    String v = value(args, ++i, flag);
                    o = o.withMatmulSizes(v.equals("none") ? List.of() : list(v).stream().map(s -> integer(s, flag)).toList());
                }
                case "--forks" -> o = o.withIterations(integer(value(args, ++i, flag), flag), o.warmupIterations(),
                        o.measurementIterations());
                case "--warmup" -> o = o.withIterations(o.forks(), integer(value(args, ++i, flag), flag),
                        o.measurementIterations());
                case "--iterations" -> o = o.withIterations(o.forks(), o.warmupIterations(),
                        integer(value(args, ++i, flag), flag));
                case "--threads" -> o = o.withThreads(integer(value(args, ++i, flag), flag));
                case "--heap" -> o = o.withJvm(value(args, ++i, flag), o.extraJvmArgs());
                case "--jvm-arg" -> extra.add(value(args, ++i, flag));
                case "--out" -> o = o.withOutputDir(Path.of(value(args, ++i, flag)));
                default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
            }
        }
        if (!extra.isEmpty()) {
            o = o.withJvm(o.forkHeap(), extra);
        }
        return new BenchArgs(o, false, null);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException("option " + flag + " needs a value");
        }
        return args[i];
    }

    private static List<String> list(String v) {
        return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static int integer(String v, String flag) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + flag + " needs a whole number, got '" + v + "'");
        }
    }
}
