package dev.wuerstchen.backend.nd4j;

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
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The golden parity on ND4J: every recorded network call (1e-4) and both pipelines end to end
 * (1e-3, 8-bit images), with the recorded draws and with the engine's own generator.
 */
class Nd4jParityTest {

    @ParameterizedTest
    @EnumSource(NoiseMode.class)
    void everyNetworkAndPipelinePartPasses(NoiseMode noise) {
        EnumSet<ParityPart> parts = EnumSet.of(ParityPart.TEXT_ENCODER, ParityPart.PRIOR, ParityPart.DECODER,
                ParityPart.VQGAN, ParityPart.PIPELINE);
        ParityReport report;
        try (GoldenReference ref = GoldenReference.open(TestData.goldenSet())) {
            report = new ParityRunner(BackendRegistry.of(List.of(new Nd4jBackendProvider())))
                    .run(ref, new ParityOptions(parts, noise, "nd4j"), c -> System.out.println(c.line()));
        }
        String failures = report.comparisons().stream().filter(c -> !c.passed()).map(Comparison::line)
                .collect(Collectors.joining("\n"));
        assertTrue(report.passed(), "failed comparisons:\n" + failures);
        for (ParityPart part : parts) {
            assertTrue(report.comparisons().stream().anyMatch(c -> c.part() == part), "no comparison for " + part);
        }
    }
}
