package dev.wuerstchen.app;

import dev.wuerstchen.engine.GenerationRequest;
import dev.wuerstchen.engine.ModelLocation;
import dev.wuerstchen.engine.demo.DemoModel;
import dev.wuerstchen.scheduler.TimestepSpec;
import dev.wuerstchen.scheduler.ddpm.DdpmWuerstchenScheduler;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Option;

/** The flags that describe a generation request and its models, shared by {@code generate} and {@code compare}. */
final class RequestMixin {

    @Option(names = "--prompt", paramLabel = "TEXT", description = "What to draw.")
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

    @Option(names = "--scheduler", paramLabel = "NAME", completionCandidates = SchedulerIds.class,
            description = "Sampler for both stages: ${COMPLETION-CANDIDATES}. Default: the one the model folders name.")
    String scheduler;

    /** The samplers on the class path, for help texts. */
    static final class SchedulerIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return dev.wuerstchen.scheduler.Schedulers.ids().iterator();
        }
    }

    @picocli.CommandLine.Mixin
    ModelMixin models;

    private Long chosenSeed;

    boolean demo() {
        return !models.given();
    }

    /**
     * The model folders; the built-in demo model (announced on {@code err}, kept under the cache
     * root {@code cacheRoot}) when none is given.
     */
    ModelLocation location(PrintWriter err, boolean quiet, java.nio.file.Path cacheRoot) {
        if (!demo()) {
            return models.location();
        }
        err.println("Using the built-in demo model: its weights are untrained, so it draws abstract patterns, not your "
                + "prompt. For real images download warp-ai/wuerstchen-prior and warp-ai/wuerstchen and pass --model-dir "
                + "(see the README).");
        return DemoModel.ensure(cacheRoot, quiet ? s -> { } : err::println);
    }

    String modelName(ModelLocation location) {
        return demo() ? DemoModel.VERSION + " (untrained demo)"
                : location.priorDir().toAbsolutePath() + " + " + location.decoderDir().toAbsolutePath();
    }

    long seed() {
        if (chosenSeed == null) {
            chosenSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(0, 1L << 31);
        }
        return chosenSeed;
    }

    GenerationRequest request() {
        int w = width != null ? width : demo() ? 512 : 1024;
        int h = height != null ? height : demo() ? 512 : 1024;
        TimestepSpec priorSpec = priorTimesteps != null ? TimestepSpec.explicit(priorTimesteps.stream()
                .mapToDouble(Double::doubleValue).toArray()) : priorSteps != null ? TimestepSpec.steps(priorSteps)
                : DdpmWuerstchenScheduler.DEFAULT_STAGE_C_TIMESTEPS;
        return GenerationRequest.builder(prompt).negativePrompt(negativePrompt).size(w, h).imagesPerPrompt(images)
                .seed(seed()).priorTimesteps(priorSpec).decoderTimesteps(TimestepSpec.steps(decoderSteps))
                .priorGuidance(priorGuidance).decoderGuidance(decoderGuidance).priorScheduler(scheduler)
                .decoderScheduler(scheduler).build();
    }

    /** Flag checks picocli cannot express; each failure is a usage error (exit 2). */
    void validate() {
        if (priorSteps != null && priorTimesteps != null) {
            throw new UsageException("--prior-steps and --prior-timesteps both choose the prior schedule; give one of them");
        }
        models.validate();
        if (priorSteps != null && priorSteps < 1) {
            throw new UsageException("--prior-steps must be at least 1, got " + priorSteps);
        }
        if (decoderSteps < 1) {
            throw new UsageException("--decoder-steps must be at least 1, got " + decoderSteps);
        }
        if (priorTimesteps != null) {
            checkTimesteps(priorTimesteps);
        }
        if (images < 1) {
            throw new UsageException("--images must be at least 1, got " + images);
        }
        if (!(priorGuidance >= 0) || Float.isInfinite(priorGuidance)) {
            throw new UsageException("--prior-guidance must be 0 or more (guidance is active above 1), got " + priorGuidance);
        }
        if (!(decoderGuidance >= 0) || Float.isInfinite(decoderGuidance)) {
            throw new UsageException("--decoder-guidance must be 0 or more (guidance is active above 1), got "
                    + decoderGuidance);
        }
        if (width != null && width < 1 || height != null && height < 1) {
            throw new UsageException("--width and --height must be positive");
        }
        if (scheduler != null && !dev.wuerstchen.scheduler.Schedulers.ids().contains(scheduler)) {
            throw new UsageException("--scheduler " + scheduler + " is not a known sampler; choose one of "
                    + dev.wuerstchen.scheduler.Schedulers.ids());
        }
        if (prompt == null) {
            throw new UsageException("Missing required option: '--prompt=TEXT'; describe the image you want");
        }
        if (prompt.isBlank()) {
            throw new UsageException("--prompt is empty; describe the image you want");
        }
    }

    /** A schedule that stops before 0 leaves the latents partly noisy: allowed, but said. */
    java.util.Optional<String> timestepWarning() {
        if (priorTimesteps != null && priorTimesteps.getLast() != 0.0) {
            return java.util.Optional.of("--prior-timesteps ends at " + priorTimesteps.getLast()
                    + ", not 0: the prior's output keeps that much noise");
        }
        return java.util.Optional.empty();
    }

    private static void checkTimesteps(List<Double> t) {
        if (t.size() < 2) {
            throw new UsageException("--prior-timesteps needs at least two values (a start and an end), got " + t);
        }
        for (int i = 0; i < t.size(); i++) {
            double v = t.get(i);
            if (!(v >= 0 && v <= 1)) {
                throw new UsageException("--prior-timesteps values must lie in [0, 1], got " + v);
            }
            if (i > 0 && !(v < t.get(i - 1))) {
                throw new UsageException("--prior-timesteps must decrease strictly (from 1 towards 0), got " + t);
            }
        }
    }
}
