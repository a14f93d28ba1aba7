package dev.wuerstchen.backend.openvino;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.TestData;
import dev.wuerstchen.engine.BackendRegistry;
import dev.wuerstchen.engine.parity.Comparison;
import dev.wuerstchen.engine.parity.GoldenReference;
import dev.wuerstchen.engine.parity.NoiseMode;
import dev.wuerstchen.engine.parity.ParityOptions;
import dev.wuerstchen.engine.parity.ParityPart;
import dev.wuerstchen.engine.parity.ParityReport;
import dev.wuerstchen.engine.parity.ParityRunner;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every recorded network call and both pipelines of the tiny golden set on OpenVINO (CPU, f32), through
 * the engine's parity runner. Needs a real OpenVINO and the graph module's ONNX exporter; skipped,
 * saying which is missing, otherwise.
 */
class RealOpenVinoParityTest {

    @TempDir
    Path tmp;

    @Test
    void tinyGoldenSetPassesOnOpenVino() {
        OpenVinoBackendProvider provider = RealOpenVino.provider(OnnxGraphs.exporter(tmp.resolve("graphs")));
        ParityReport report;
        try (GoldenReference ref = GoldenReference.open(TestData.goldenSet())) {
            report = new ParityRunner(BackendRegistry.of(List.of(provider))).run(ref, new ParityOptions(
                    EnumSet.of(ParityPart.TEXT_ENCODER, ParityPart.PRIOR, ParityPart.DECODER, ParityPart.VQGAN,
                            ParityPart.PIPELINE), NoiseMode.REPLAY, "openvino",
                    dev.wuerstchen.api.backend.BackendOptions.DEFAULTS.withCacheDir(tmp.resolve("cache"))), c -> { });
        }
        String failures = report.comparisons().stream().filter(c -> !c.passed()).map(Comparison::line)
                .collect(Collectors.joining("\n"));
        assertTrue(report.passed(), "failed comparisons on OpenVINO:\n" + failures);
    }
}
