package dev.wuerstchen.app;

import dev.wuerstchen.engine.BackendRegistry;
import dev.wuerstchen.engine.parity.GoldenReference;
import dev.wuerstchen.engine.parity.NoiseMode;
import dev.wuerstchen.engine.parity.ParityOptions;
import dev.wuerstchen.engine.parity.ParityPart;
import dev.wuerstchen.engine.parity.ParityReport;
import dev.wuerstchen.engine.parity.ParityRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Compares the engine with a golden reference folder made by diffusers. */
@Command(name = "parity", mixinStandardHelpOptions = true,
        description = {"Compare the engine with a reference folder computed by diffusers (golden.safetensors).",
                "Prints one line per compared tensor; exits 0 only if every comparison passes (4 otherwise)."})
final class ParityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--reference", required = true, paramLabel = "DIR",
            description = "The reference folder (holds golden.safetensors, golden-index.json, wuerstchen-prior/, wuerstchen/).")
    Path reference;

    @Option(names = "--only", paramLabel = "PART,...",
            description = "Compare only these comma-separated parts (default: all): tokenizer, noise, scheduler, "
                    + "text-encoder, prior, decoder, vqgan, pipeline.")
    String only;

    @Option(names = "--noise", paramLabel = "MODE", defaultValue = "replay",
            description = "Gaussian draws for the pipelines: replay (the recorded draws) or seed (the engine's own "
                    + "PyTorch-compatible generator). Default: ${DEFAULT-VALUE}.")
    NoiseMode noise;

    @picocli.CommandLine.Mixin
    BackendMixin backend;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the comparisons as JSON to this file.")
    Path report;

    @Override
    public Integer call() {
        Set<ParityPart> parts;
        try {
            parts = only == null ? EnumSet.allOf(ParityPart.class) : ParityPart.parse(only);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--only: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        ParityOptions options = new ParityOptions(parts, noise, backend.name,
                backend.options(spec.commandLine().getErr()::println));
        ParityReport result;
        try (GoldenReference ref = GoldenReference.open(reference)) {
            out.println("reference " + reference + " (seed " + ref.seed() + ", made with " + ref.provenance() + "), noise "
                    + noise.name().toLowerCase() + ", parts " + parts.stream().map(ParityPart::id).toList());
            ref.caveat().ifPresent(c -> out.println("note: " + c));
            result = new ParityRunner(BackendRegistry.discover()).run(ref, options, c -> out.println(c.line()));
        }
        if (report != null) {
            result.writeJson(report);
            out.println("report written to " + report);
        }
        if (result.comparisons().isEmpty()) {
            out.println("parity: nothing was compared: the reference holds none of the selected parts " + parts.stream()
                    .map(ParityPart::id).toList() + ". Check --reference and --only");
        } else {
            out.println(result.passed() ? "parity: all " + result.comparisons().size() + " comparisons passed"
                    : "parity: " + result.failures() + " of " + result.comparisons().size() + " comparisons FAILED");
        }
        return result.passed() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
}
