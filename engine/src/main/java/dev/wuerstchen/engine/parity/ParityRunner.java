package dev.wuerstchen.engine.parity;

import dev.wuerstchen.engine.BackendRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Runs the selected parity checks against one reference set. */
public final class ParityRunner {

    private final BackendRegistry registry;
    private final List<ParityCheck> checks = List.of(new TokenizerParity(), new NoiseParity(), new SchedulerParity(),
            new NetworkParity(ParityPart.TEXT_ENCODER), new NetworkParity(ParityPart.PRIOR),
            new NetworkParity(ParityPart.DECODER), new NetworkParity(ParityPart.VQGAN), new PipelineParity());

    public ParityRunner(BackendRegistry registry) {
        this.registry = registry;
    }

    /**
     * Runs every selected part in a fixed order and returns the report; {@code progress} sees each
     * comparison as it is made.
     */
    public ParityReport run(GoldenReference reference, ParityOptions options, Consumer<Comparison> progress) {
        List<Comparison> all = new ArrayList<>();
        Consumer<Comparison> sink = c -> {
            all.add(c);
            progress.accept(c);
        };
        try (ParitySession session = new ParitySession(reference, options, registry)) {
            for (ParityCheck check : checks) {
                if (options.parts().contains(check.part())) {
                    check.run(session, sink);
                }
            }
        }
        boolean backendUsed = options.parts().stream().anyMatch(ParityPart::needsBackend);
        return new ParityReport(reference.root(), backendUsed ? options.backend() : "none",
                options.noise().name().toLowerCase(Locale.ROOT), all);
    }
}
