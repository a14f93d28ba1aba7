package dev.wuerstchen.app;

import dev.wuerstchen.engine.GenerationRequest;
import dev.wuerstchen.engine.GenerationResult;
import dev.wuerstchen.engine.ModelLocation;
import dev.wuerstchen.engine.Wuerstchen;
import dev.wuerstchen.engine.image.PngWriter;
import dev.wuerstchen.engine.pipeline.Images;
import dev.wuerstchen.scheduler.TimestepSpec;
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

/** Text to image. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate images from a prompt.",
                "Without a model folder, a small built-in demo model runs: its weights are untrained and it draws "
                        + "abstract patterns. For real images download warp-ai/wuerstchen-prior and warp-ai/wuerstchen "
                        + "(see the README) and pass --model-dir or --prior-dir/--decoder-dir."})
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RequestMixin req;

    @Mixin
    BackendMixin backend;

    @Mixin
    IrDirMixin ir;

    @Option(names = "--out", paramLabel = "FILE.png", defaultValue = "wuerstchen.png",
            description = "Output file; several images are numbered (name-1.png, ...). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        req.validate();
        ir.validate(backend.name, req.models);
        BackendMixin.requireKnown(backend.name);
        List<Path> files = OutputPaths.numbered(out, req.images);
        OutputPaths.checkWritable(files);
        req.timestepWarning().ifPresent(w -> err.println("warning: " + w));
        ModelLocation location = req.location(err, quiet, backend.settings.cacheRoot());
        GenerationRequest request = req.request();

        Wuerstchen.Builder builder = Wuerstchen.builder().models(location).backend(backend.name)
                .backendOptions(backend.options(quiet ? x -> { } : err::println)).log(quiet ? x -> { } : err::println)
                .keepModelsLoaded(false); // one generation per run: free the prior's networks before the decoder's load
        if (ir.given()) {
            builder.networks(ir.networks());
        }
        GenerationResult result;
        try (Wuerstchen engine = builder.build(); Interruption interruption = Interruption.install(err)) {
            if (!quiet) {
                err.printf(Locale.ROOT, "%dx%d, seed %d, backend %s%n", request.width(), request.height(), request.seed(),
                        engine.backendId());
            }
            result = engine.generate(request, new ProgressBar(err, ProgressBar.stderrIsTerminal(), quiet),
                    interruption.token());
            for (String warning : result.warnings()) {
                err.println("warning: " + warning);
            }
            for (int i = 0; i < result.images().size(); i++) {
                Images.Rgb8 img = result.images().get(i);
                PngWriter.write(files.get(i), img, metadata(request, result, req.modelName(location), i));
                stdout.println("wrote " + files.get(i) + " (" + img.width() + "x" + img.height() + ", seed " + request.seed()
                        + ")");
            }
        }
        if (!quiet) {
            err.printf(Locale.ROOT, "done in %.1f s%n", result.elapsed().toNanos() / 1e9);
        }
        return ExitCode.OK;
    }

    private Map<String, String> metadata(GenerationRequest r, GenerationResult result, String model, int index) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("prompt", r.prompts().getFirst());
        m.put("negative_prompt", r.negativePrompt());
        m.put("seed", Long.toString(r.seed()));
        Images.Rgb8 img = result.images().get(index);
        m.put("image_index", (index + 1) + " of " + result.images().size());
        m.put("size", img.width() + "x" + img.height()
                + (img.width() != r.width() || img.height() != r.height() ? " (requested " + r.width() + "x" + r.height() + ")" : ""));
        m.put("prior_steps", describe(r.priorTimesteps()));
        m.put("decoder_steps", describe(r.decoderTimesteps()));
        m.put("prior_guidance", Float.toString(r.priorGuidance()));
        m.put("decoder_guidance", Float.toString(r.decoderGuidance()));
        m.put("scheduler", result.priorScheduler().equals(result.decoderScheduler()) ? result.priorScheduler()
                : "prior " + result.priorScheduler() + ", decoder " + result.decoderScheduler());
        m.put("backend", backend.name);
        m.put("model", ir.given() ? model + " with IR files from " + ir.irDir.toAbsolutePath() : model);
        m.put("Software", "wuerstchen-java");
        return m;
    }

    static String describe(TimestepSpec spec) {
        return switch (spec) {
            case TimestepSpec.StepCount c -> c.steps() + " (even schedule)";
            case TimestepSpec.Explicit e -> (e.values().length - 1) + " (timesteps " + join(e.values()) + ")";
        };
    }

    private static String join(double[] v) {
        List<String> parts = new ArrayList<>();
        for (double d : v) {
            parts.add(String.format(Locale.ROOT, "%.6g", d));
        }
        return String.join(",", parts);
    }
}
