package dev.wuerstchen.backend.openvino;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.TestData;
import dev.wuerstchen.api.backend.Availability;
import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.backend.BackendProvider;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.config.DecoderModelFolder;
import dev.wuerstchen.api.config.PriorModelFolder;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.engine.BackendRegistry;
import dev.wuerstchen.engine.LoadedModels;
import dev.wuerstchen.engine.ModelPair.Role;
import dev.wuerstchen.engine.parity.Compare;
import dev.wuerstchen.engine.parity.Comparison;
import dev.wuerstchen.engine.parity.GoldenReference;
import dev.wuerstchen.engine.parity.ParityPart;
import dev.wuerstchen.models.decoder.WuerstchenDiffNeXt;
import dev.wuerstchen.models.prior.WuerstchenPrior;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ND4J and OpenVINO fed the same recorded inputs of the tiny golden set must agree (1e-4 relative L2,
 * the network tolerance of the parity runner). Skipped unless both backends can run here.
 */
class BackendComparisonTest {

    @TempDir
    Path tmp;

    @Test
    void nd4jAndOpenVinoAgreeOnThePriorAndTheDecoder() {
        BackendProvider nd4j = BackendRegistry.discover().providers().stream().filter(p -> p.id().equals("nd4j"))
                .findFirst().orElse(null);
        Assumptions.assumeTrue(nd4j != null, "backend-nd4j is not on the test class path; add it as a test "
                + "dependency to compare it with OpenVINO");
        Assumptions.assumeTrue(nd4j.probe() instanceof Availability.Available, () -> "nd4j cannot run here: "
                + nd4j.probe());
        OpenVinoBackendProvider openvino = RealOpenVino.provider(OnnxGraphs.exporter(tmp.resolve("graphs")));
        try (GoldenReference ref = GoldenReference.open(TestData.tiny());
                Backend a = nd4j.open(BackendOptions.DEFAULTS);
                Backend b = openvino.open(BackendOptions.DEFAULTS.withCacheDir(tmp.resolve("cache")));
                LoadedModels ma = models(a, ref);
                LoadedModels mb = models(b, ref)) {
            Map<String, HostTensor> prior = new LinkedHashMap<>();
            prior.put(WuerstchenPrior.X, ref.tensor("prior.call0.arg0"));
            prior.put(WuerstchenPrior.R, ref.tensor("prior.call0.r"));
            prior.put(WuerstchenPrior.C, ref.tensor("prior.call0.c"));
            check(Compare.relL2(ParityPart.PRIOR, "prior.call0 nd4j vs openvino",
                    mb.network(Role.PRIOR).run(prior).get(WuerstchenPrior.EPS),
                    ma.network(Role.PRIOR).run(prior).get(WuerstchenPrior.EPS), 1e-4));
            Map<String, HostTensor> decoder = new LinkedHashMap<>();
            decoder.put(WuerstchenDiffNeXt.X, ref.tensor("decoder.call0.arg0"));
            decoder.put(WuerstchenDiffNeXt.R, ref.tensor("decoder.call0.r"));
            decoder.put(WuerstchenDiffNeXt.EFFNET, ref.tensor("decoder.call0.effnet"));
            decoder.put(WuerstchenDiffNeXt.CLIP, ref.tensor("decoder.call0.clip"));
            check(Compare.relL2(ParityPart.DECODER, "decoder.call0 nd4j vs openvino",
                    mb.network(Role.DECODER).run(decoder).get(WuerstchenDiffNeXt.EPS),
                    ma.network(Role.DECODER).run(decoder).get(WuerstchenDiffNeXt.EPS), 1e-4));
        }
    }

    private static LoadedModels models(Backend backend, GoldenReference ref) {
        return new LoadedModels(backend, PriorModelFolder.load(ref.priorFolder()),
                DecoderModelFolder.load(ref.decoderFolder()), Precision.F32, null);
    }

    private static void check(Comparison c) {
        assertTrue(c.passed(), c.line());
    }
}
