package dev.wuerstchen.app;

import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.TensorMath;
import dev.wuerstchen.engine.GenerationRequest;
import dev.wuerstchen.engine.GenerationResult;
import dev.wuerstchen.engine.ModelLocation;
import dev.wuerstchen.engine.Wuerstchen;
import dev.wuerstchen.engine.image.Panels;
import dev.wuerstchen.engine.image.PngWriter;
import dev.wuerstchen.engine.pipeline.Images;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs one request on two backends with the same noise and shows where they part. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the same request on two backends with the same noise; print the relative L2 error between "
                + "them per stage and per step, and write the two images side by side with their difference.",
                "Exits 4 when the final images differ by more than --tolerance."})
final class CompareCommand implements Callable<Integer> {

    static final String DEFAULT_PROMPT = "Anthropomorphic cat dressed as a fire fighter";

    @Spec
    CommandSpec spec;

    @Option(names = "--backends", required = true, split = ",", paramLabel = "A,B",
            description = "The two backends to compare, e.g. nd4j,onnxruntime.")
    List<String> backends;

    @Mixin
    RequestMixin req;

    @Mixin
    BackendSettings settings;

    @Option(names = "--out", paramLabel = "FILE.png", defaultValue = "compare.png",
            description = "Side-by-side image: backend A, backend B, |A−B|×--diff-gain. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--diff-gain", paramLabel = "K", defaultValue = "10", description = "Amplification of the difference panel. Default: ${DEFAULT-VALUE}.")
    int gain;

    @Option(names = "--tolerance", paramLabel = "E", defaultValue = "1e-3",
            description = "Largest relative L2 error of the final images that passes. Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (backends.size() != 2 || backends.get(0).equals(backends.get(1))) {
            throw new UsageException("--backends takes two different backends, e.g. nd4j,onnxruntime; got " + backends);
        }
        if (gain < 1 || !(tolerance >= 0)) {
            throw new UsageException("--diff-gain must be at least 1 and --tolerance at least 0");
        }
        if (req.prompt == null) {
            req.prompt = DEFAULT_PROMPT;
        }
        req.validate();
        backends.forEach(BackendMixin::requireKnown);
        List<Path> files = OutputPaths.numbered(out, req.images);
        OutputPaths.checkWritable(files);
        ModelLocation location = req.location(err, quiet, settings.cacheRoot());
        GenerationRequest request = req.request();

        List<Map<String, HostTensor>> taps = new ArrayList<>();
        List<GenerationResult> results = new ArrayList<>();
        for (String id : backends) {
            Map<String, HostTensor> tap = new LinkedHashMap<>();
            try (Wuerstchen engine = Wuerstchen.builder().models(location).backend(id)
                    .backendOptions(settings.options(quiet ? x -> { } : err::println)).keepModelsLoaded(false).build();
                    Interruption interruption = Interruption.install(err)) {
                if (!quiet) {
                    err.printf(Locale.ROOT, "running on %s: %dx%d, seed %d%n", id, request.width(), request.height(),
                            request.seed());
                }
                results.add(engine.generate(request, new ProgressBar(err, ProgressBar.stderrIsTerminal(), quiet),
                        interruption.token(), tap::put));
            }
            taps.add(tap);
        }

        stdout.printf(Locale.ROOT, "%-44s %s%n", "tensor (" + backends.get(0) + " vs " + backends.get(1) + ")", "rel-L2");
        double imageError = 0;
        for (Map.Entry<String, HostTensor> e : taps.get(0).entrySet()) {
            HostTensor other = taps.get(1).get(e.getKey());
            if (other == null) {
                continue;
            }
            double rel = TensorMath.relativeL2(other.toFloatArray(), e.getValue().toFloatArray());
            stdout.printf(Locale.ROOT, "%-44s %.3e%n", label(e.getKey()), rel);
            if (e.getKey().equals("decoder_pipeline.images")) {
                imageError = rel;
            }
        }
        for (int i = 0; i < files.size(); i++) {
            Images.Rgb8 a = results.get(0).images().get(i);
            Images.Rgb8 b = results.get(1).images().get(i);
            PngWriter.write(files.get(i), Panels.sideBySide(a, b, Panels.difference(a, b, gain)), Map.of("prompt",
                    request.prompts().getFirst(), "seed", Long.toString(request.seed()), "panels", backends.get(0) + " | "
                            + backends.get(1) + " | |difference| x" + gain, "Software", "wuerstchen-java"));
            stdout.println("wrote " + files.get(i) + " (" + backends.get(0) + " | " + backends.get(1) + " | |difference| x"
                    + gain + ")");
        }
        boolean passed = imageError <= tolerance;
        stdout.printf(Locale.ROOT, "final images: relative L2 %.3e, tolerance %.1e: %s%n", imageError, tolerance,
                passed ? "PASS" : "FAIL");
        return passed ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    /** {@code prior_pipeline.latents_after_step.004} → {@code prior step 5 latents}. */
    static String label(String tap) {
        String[] parts = tap.split("\\.");
        if (tap.contains("latents_after_step")) {
            String stage = parts[0].replace("_pipeline", "");
            return stage + " step " + (Integer.parseInt(parts[2]) + 1) + " latents";
        }
        return tap;
    }
}
