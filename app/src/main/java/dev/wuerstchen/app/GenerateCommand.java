package dev.wuerstchen.app;

import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.engine.GenerationRequest;
import dev.wuerstchen.engine.GenerationResult;
import dev.wuerstchen.engine.ModelLocation;
import dev.wuerstchen.engine.Wuerstchen;
import dev.wuerstchen.engine.demo.DemoModel;
import dev.wuerstchen.engine.image.PngWriter;
import dev.wuerstchen.engine.pipeline.Images;
import dev.wuerstchen.scheduler.TimestepSpec;
import dev.wuerstchen.scheduler.ddpm.DdpmWuerstchenScheduler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
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

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "What to draw.")
    String prompt;

    @Option(names = "--negative-prompt", paramLabel = "TEXT", defaultValue = "",
            description = "What to steer away from (used when prior guidance is above 1).")
    String negativePrompt;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the PyTorch-compatible generator; the same seed gives the same image as diffusers on CPU. "
                    + "Default: a random seed, printed and stored in the PNG.")
    Long seed;

    @Option(names = "--width", paramLabel = "W", description = "Image width (default 1024, demo model 512).")
    Integer width;

    @Option(names = "--height", paramLabel = "H", description = "Image height (default 1024, demo model 512).")
    Integer height;

    @Option(names = "--images", paramLabel = "N", defaultValue = "1", description = "Images to generate. Default: ${DEFAULT-VALUE}.")
    int images;

    @Option(names = "--prior-steps", paramLabel = "N",
            description = "Prior steps on an even schedule (default: the 29-step Stage C list of diffusers).")
    Integer priorSteps;

    @Option(names = "--prior-timesteps", paramLabel = "LIST", split = ",",
            description = "Explicit prior timesteps, decreasing from 1 to 0, e.g. 1,0.75,0.5,0.25,0.")
    List<Double> priorTimesteps;

    @Option(names = "--decoder-steps", paramLabel = "N", defaultValue = "12", description = "Decoder steps. Default: ${DEFAULT-VALUE}.")
    int decoderSteps;

    @Option(names = "--prior-guidance", paramLabel = "G", defaultValue = "4.0",
            description = "Prior classifier-free guidance; active above 1. Default: ${DEFAULT-VALUE}.")
    float priorGuidance;

    @Option(names = "--decoder-guidance", paramLabel = "G", defaultValue = "0.0",
            description = "Decoder classifier-free guidance; active above 1. Default: ${DEFAULT-VALUE}.")
    float decoderGuidance;

    @Option(names = "--scheduler", paramLabel = "NAME",
            description = "Sampler for both stages (ddpm-wuerstchen, ddim). Default: the one the model folders name.")
    String scheduler;

    @picocli.CommandLine.Mixin
    BackendMixin backend;

    @Option(names = "--model-dir", paramLabel = "DIR",
            description = "A folder holding both model folders (wuerstchen-prior/ and wuerstchen/).")
    Path modelDir;

    @Option(names = "--prior-dir", paramLabel = "DIR", description = "The warp-ai/wuerstchen-prior folder.")
    Path priorDir;

    @Option(names = "--decoder-dir", paramLabel = "DIR", description = "The warp-ai/wuerstchen folder.")
    Path decoderDir;

    @Option(names = "--out", paramLabel = "FILE.png", defaultValue = "wuerstchen.png",
            description = "Output file; several images are numbered (name-1.png, ...). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        GenerateOptions.validate(this);
        List<Path> files = OutputPaths.numbered(out, images);
        OutputPaths.checkWritable(files);

        boolean demo = modelDir == null && priorDir == null;
        ModelLocation location;
        String modelName;
        if (demo) {
            err.println("Using the built-in demo model: its weights are untrained, so it draws abstract patterns, not your "
                    + "prompt. For real images download warp-ai/wuerstchen-prior and warp-ai/wuerstchen and pass --model-dir "
                    + "(see the README).");
            location = DemoModel.ensure(DemoModel.defaultCacheDir(), quiet ? s -> { } : err::println);
            modelName = DemoModel.VERSION + " (untrained demo)";
        } else {
            location = modelDir != null ? ModelLocation.inFolder(modelDir) : new ModelLocation(priorDir, decoderDir);
            modelName = location.priorDir().toAbsolutePath() + " + " + location.decoderDir().toAbsolutePath();
        }
        int w = width != null ? width : demo ? 512 : 1024;
        int h = height != null ? height : demo ? 512 : 1024;
        long s = seed != null ? seed : ThreadLocalRandom.current().nextLong(0, 1L << 31);
        TimestepSpec priorSpec = priorTimesteps != null ? TimestepSpec.explicit(priorTimesteps.stream()
                .mapToDouble(Double::doubleValue).toArray()) : priorSteps != null ? TimestepSpec.steps(priorSteps)
                : DdpmWuerstchenScheduler.DEFAULT_STAGE_C_TIMESTEPS;
        GenerationRequest request = GenerationRequest.builder(prompt).negativePrompt(negativePrompt).size(w, h)
                .imagesPerPrompt(images).seed(s).priorTimesteps(priorSpec).decoderTimesteps(TimestepSpec.steps(decoderSteps))
                .priorGuidance(priorGuidance).decoderGuidance(decoderGuidance).priorScheduler(scheduler)
                .decoderScheduler(scheduler).build();

        BackendOptions options = backend.options();
        GenerationResult result;
        try (Wuerstchen engine = Wuerstchen.builder().models(location).backend(backend.name).backendOptions(options)
                .log(quiet ? x -> { } : err::println).build()) {
            if (!quiet) {
                err.printf(Locale.ROOT, "%dx%d, seed %d, backend %s%n", w, h, s, engine.backendId());
            }
            result = engine.generate(request, new ProgressBar(err, ProgressBar.stderrIsTerminal(), quiet), null);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        for (String warning : result.warnings()) {
            err.println("warning: " + warning);
        }
        for (int i = 0; i < result.images().size(); i++) {
            Images.Rgb8 img = result.images().get(i);
            PngWriter.write(files.get(i), img, metadata(request, result, modelName, i));
            stdout.println("wrote " + files.get(i) + " (" + img.width() + "x" + img.height() + ", seed " + s + ")");
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
        m.put("image_index", index + " of " + result.images().size());
        m.put("size", r.width() + "x" + r.height());
        m.put("prior_steps", describe(r.priorTimesteps()));
        m.put("decoder_steps", describe(r.decoderTimesteps()));
        m.put("prior_guidance", Float.toString(r.priorGuidance()));
        m.put("decoder_guidance", Float.toString(r.decoderGuidance()));
        m.put("scheduler", scheduler == null ? "from the model folders" : scheduler);
        m.put("backend", backend.name);
        m.put("model", model);
        m.put("Software", "wuerstchen-java");
        return m;
    }

    private static String describe(TimestepSpec spec) {
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
