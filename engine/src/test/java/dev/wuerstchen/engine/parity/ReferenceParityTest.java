package dev.wuerstchen.engine.parity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.TestData;
import dev.wuerstchen.api.backend.ReferenceBackend;
import dev.wuerstchen.engine.BackendRegistry;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole parity run — every network call and both pipelines end to end — on the pure-Java
 * reference ops: proves the pipelines (guidance, batching, noise order, scheduler use, VQGAN
 * scaling, 8-bit rounding) independently of any native backend.
 */
class ReferenceParityTest {

    @ParameterizedTest
    @EnumSource(NoiseMode.class)
    void everyPartPasses(NoiseMode noise) {
        BackendRegistry registry = BackendRegistry.of(List.of(ReferenceBackend.PROVIDER));
        ParityReport report;
        try (GoldenReference ref = GoldenReference.open(TestData.goldenSet())) {
            report = new ParityRunner(registry).run(ref, new ParityOptions(EnumSet.allOf(ParityPart.class), noise,
                    "reference"), c -> System.out.println(c.line()));
        }
        String failures = report.comparisons().stream().filter(c -> !c.passed()).map(Comparison::line)
                .collect(Collectors.joining("\n"));
        assertTrue(report.passed(), "failed comparisons:\n" + failures);
        for (ParityPart part : ParityPart.values()) {
            assertTrue(report.comparisons().stream().anyMatch(c -> c.part() == part), "no comparison for " + part);
        }
    }
}
