package dev.wuerstchen.engine.parity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs the selected parity checks against one reference set. */
public final class ParityRunner {

    private final List<ParityCheck> checks = List.of(new TokenizerParity(), new NoiseParity(), new SchedulerParity());

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
        for (ParityCheck check : checks) {
            if (options.parts().contains(check.part())) {
                check.run(reference, options, sink);
            }
        }
        return new ParityReport(reference.root(), options.backend(), options.noise().name().toLowerCase(java.util.Locale.ROOT),
                all);
    }
}
