package dev.wuerstchen.backend.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.TestData;
import dev.wuerstchen.api.backend.BackendOptions;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The golden parity of every network call and of both pipelines (replayed draws and the engine's own
 * seeded generator) with every network exported to ONNX and run on ONNX Runtime, with the engine's
 * tolerances: 1e-4 relative L2 per network call, 1e-3 on pipeline outputs, the uint8 rule.
 */
class OrtParityTest {

    /** Shared by both noise modes: the second run also exercises the export cache. */
    @TempDir
    static Path cache;

    @ParameterizedTest
    @EnumSource(NoiseMode.class)
    void everyPartPasses(NoiseMode noise) {
        BackendRegistry registry = BackendRegistry.of(List.of(new OrtBackendProvider()));
        ParityReport report;
        try (GoldenReference ref = GoldenReference.open(TestData.goldenSet())) {
            report = new ParityRunner(registry).run(ref, new ParityOptions(EnumSet.allOf(ParityPart.class), noise,
                    OrtBackendProvider.ID, BackendOptions.DEFAULTS.withCacheDir(cache).withThreads(1)),
                    c -> System.out.println("[onnxruntime " + noise + "] " + c.line()));
        }
        String failures = report.comparisons().stream().filter(c -> !c.passed()).map(Comparison::line)
                .collect(Collectors.joining("\n"));
        assertTrue(report.passed(), "failed comparisons:\n" + failures);
        for (ParityPart part : ParityPart.values()) {
            assertTrue(report.comparisons().stream().anyMatch(c -> c.part() == part), "no comparison for " + part);
        }
    }
}
