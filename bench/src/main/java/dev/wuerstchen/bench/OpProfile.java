package dev.wuerstchen.bench;

import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.Shape;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the time of one step goes, op by op, on an eager backend: the network's forward runs on
 * {@link TimingOps} around the backend's own ops. A diagnostic beside the JMH figures (one warm-up
 * call, then one timed call, in this JVM), not a benchmark.
 *
 * <p>Usage: {@code OpProfile BACKEND NETWORK [published|tiny]}.
 */
public final class OpProfile {

    /** Runs the wrapped definition's forward on timing ops; keeps the tally of the last call. */
    private static final class Timed implements NetworkDefinition {
        private final NetworkDefinition inner;
        private TimingOps last;

        Timed(NetworkDefinition inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public ParameterManifest manifest() {
            return inner.manifest();
        }

        @Override
        public List<TensorSpec> inputs() {
            return inner.inputs();
        }

        @Override
        public List<TensorSpec> outputs() {
            return inner.outputs();
        }

        @Override
        public void checkInputs(Map<String, Shape> shapes) {
            inner.checkInputs(shapes);
        }

        @Override
        public Map<String, Tensor> forward(Ops ops, Weights weights, Map<String, Tensor> inputs) {
            last = new TimingOps(ops);
            return inner.forward(last, weights, inputs);
        }
    }

    private OpProfile() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: OpProfile BACKEND NETWORK [published|tiny]");
            System.exit(2);
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        profile(args[0], BenchNetwork.parse(args[1]), args.length > 2 ? ModelSize.parse(args[2]) : ModelSize.PUBLISHED, out);
    }

    /** Prints one line per op key: calls, seconds, share of the step; slowest first. */
    public static void profile(String backend, BenchNetwork network, ModelSize size, PrintWriter out) {
        Workload plain = network.workload(size);
        Timed timed = new Timed(plain.definition());
        Workload w = new Workload(plain.network(), size, timed, plain.inputShapes());
        try (LoadedWorkload loaded = LoadedWorkload.open(backend, 0, null, w, new java.io.PrintStream(System.out, true,
                StandardCharsets.UTF_8))) {
            loaded.run(); // warm-up: first-call costs are not what a step costs
            long t0 = System.nanoTime();
            loaded.run();
            double total = (System.nanoTime() - t0) / 1e9;
            List<Map.Entry<String, TimingOps.Tally>> rows = new ArrayList<>(timed.last.tallies().entrySet());
            rows.sort((a, b) -> Long.compare(b.getValue().nanos, a.getValue().nanos));
            double inOps = 0;
            out.printf(Locale.ROOT, "%s on %s (%s): %.2f s per step%n", network.id(), backend, size.id(), total);
            out.printf(Locale.ROOT, "  %-28s %7s %9s %6s%n", "op", "calls", "seconds", "share");
            for (var e : rows) {
                double s = e.getValue().nanos / 1e9;
                inOps += s;
                out.printf(Locale.ROOT, "  %-28s %7d %9.3f %5.1f%%%n", e.getKey(), e.getValue().calls, s, 100 * s / total);
            }
            out.printf(Locale.ROOT, "  %-28s %7s %9.3f %5.1f%%%n", "(outside ops: copies, GC)", "", total - inOps,
                    100 * (total - inOps) / total);
        }
    }
}
