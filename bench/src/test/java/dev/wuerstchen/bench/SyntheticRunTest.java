package dev.wuerstchen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.TestData;
import dev.wuerstchen.api.backend.NetworkOutputs;
import dev.wuerstchen.api.config.DecoderConfig;
import dev.wuerstchen.api.config.PriorConfig;
import dev.wuerstchen.api.tensor.HostTensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's pieces on the real nd4j backend, at sizes that run in milliseconds. */
class SyntheticRunTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void tinyConfigurationsAreThoseOfTheGoldenSet() {
        assertEquals(PriorConfig.load(TestData.tiny().resolve("wuerstchen-prior/prior/config.json")), BenchNetwork.TINY_PRIOR);
        assertEquals(DecoderConfig.load(TestData.tiny().resolve("wuerstchen/decoder/config.json")), BenchNetwork.TINY_DECODER);
    }

    @Test
    void tinyStepsWithSyntheticWeightsGiveFiniteOrderOneOutputs() {
        for (BenchNetwork n : BenchNetwork.values()) {
            Workload w = n.workload(ModelSize.TINY);
            try (LoadedWorkload loaded = LoadedWorkload.open("nd4j", 0, null, w, QUIET)) {
                NetworkOutputs out = loaded.run();
                float[] eps = out.get("eps").toFloatArray();
                assertEquals(w.inputShapes().get("x"), out.get("eps").shape());
                double sumSq = 0;
                for (float v : eps) {
                    assertTrue(Float.isFinite(v), n + ": non-finite output");
                    sumSq += v * v;
                }
                double rms = Math.sqrt(sumSq / eps.length);
                // a random net is not a trained one, but its output must stay far from overflow and from 0
                assertTrue(rms > 1e-2 && rms < 1e3, n + ": output RMS " + rms);
                assertTrue(LoadedWorkload.describe(out).contains("all finite"));
            }
        }
    }

    @Test
    void gemmNetworkComputesTheChainedProduct() {
        int n = 24;
        GemmDefinition g = new GemmDefinition(n, 2);
        Workload w = new Workload(g.name(), ModelSize.TINY, g, Map.of(GemmDefinition.A, g.inputShape()));
        float[] a = w.inputs(LoadedWorkload.SEED).get(GemmDefinition.A).toFloatArray();
        float[] b;
        try (SyntheticCheckpoint c = new SyntheticCheckpoint(g.manifest(), LoadedWorkload.SEED)) {
            b = c.read(GemmDefinition.WEIGHT).toFloatArray();
        }
        double[] expected = multiply(multiply(toDouble(a), toDouble(b), n), toDouble(b), n);
        HostTensor y;
        try (LoadedWorkload loaded = LoadedWorkload.open("nd4j", 0, null, w, QUIET)) {
            y = loaded.run().get(GemmDefinition.Y);
        }
        float[] got = y.toFloatArray();
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], 1e-4, "element " + i);
        }
    }

    @Test
    void opProfileAttributesTheStepToItsOps() {
        java.io.StringWriter text = new java.io.StringWriter();
        OpProfile.profile("nd4j", BenchNetwork.PRIOR, ModelSize.TINY, new java.io.PrintWriter(text, true));
        String out = text.toString();
        // tiny prior, depth 2: 2 attentions over 24·24 = 576 queries; per depth 2 (ResBlock) + 1 (TimestepBlock)
        // + 5 (AttnBlock: kv_mapper, q, k, v, out) linears, plus the 2 of cond_mapper = 18
        assertTrue(out.matches("(?s).*attention Nq=576\\s+2\\s.*"), out);
        assertTrue(out.matches("(?s).*\\blinear\\s+18\\s.*"), out);
        assertTrue(out.contains("(outside ops"), out);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double[] multiply(double[] x, double[] y, int n) {
        double[] r = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    r[i * n + j] += x[i * n + k] * y[k * n + j];
                }
            }
        }
        return r;
    }
}
