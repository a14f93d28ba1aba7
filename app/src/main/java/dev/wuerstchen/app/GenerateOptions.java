package dev.wuerstchen.app;

/** Flag checks for {@code generate} that picocli cannot express; each failure is a usage error (exit 2). */
final class GenerateOptions {

    private GenerateOptions() {
    }

    static void validate(GenerateCommand c) {
        if (c.priorSteps != null && c.priorTimesteps != null) {
            throw new UsageException("--prior-steps and --prior-timesteps both choose the prior schedule; give one of them");
        }
        if (c.modelDir != null && (c.priorDir != null || c.decoderDir != null)) {
            throw new UsageException("--model-dir and --prior-dir/--decoder-dir both choose the models; give either "
                    + "--model-dir, or --prior-dir with --decoder-dir");
        }
        if ((c.priorDir == null) != (c.decoderDir == null)) {
            throw new UsageException((c.priorDir == null ? "--decoder-dir needs --prior-dir" : "--prior-dir needs --decoder-dir")
                    + ": the pipeline needs both halves (warp-ai/wuerstchen-prior and warp-ai/wuerstchen)");
        }
        if (c.priorSteps != null && c.priorSteps < 1) {
            throw new UsageException("--prior-steps must be at least 1, got " + c.priorSteps);
        }
        if (c.decoderSteps < 1) {
            throw new UsageException("--decoder-steps must be at least 1, got " + c.decoderSteps);
        }
        if (c.priorTimesteps != null) {
            checkTimesteps(c.priorTimesteps);
        }
        if (c.images < 1) {
            throw new UsageException("--images must be at least 1, got " + c.images);
        }
        if (!(c.priorGuidance >= 0) || Float.isInfinite(c.priorGuidance)) {
            throw new UsageException("--prior-guidance must be 0 or more (guidance is active above 1), got " + c.priorGuidance);
        }
        if (!(c.decoderGuidance >= 0) || Float.isInfinite(c.decoderGuidance)) {
            throw new UsageException("--decoder-guidance must be 0 or more (guidance is active above 1), got "
                    + c.decoderGuidance);
        }
        if (c.width != null && c.width < 1 || c.height != null && c.height < 1) {
            throw new UsageException("--width and --height must be positive");
        }
        if (c.prompt.isBlank()) {
            throw new UsageException("--prompt is empty; describe the image you want");
        }
    }

    private static void checkTimesteps(java.util.List<Double> t) {
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
