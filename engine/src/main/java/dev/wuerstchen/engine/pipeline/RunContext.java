package dev.wuerstchen.engine.pipeline;

import dev.wuerstchen.api.noise.NoiseSource;
import java.time.Duration;
import java.util.Objects;

/**
 * The per-run collaborators of a pipeline: the noise source (one, shared by all stages in draw
 * order), progress, cancellation and the tensor tap.
 */
public record RunContext(NoiseSource noise, ProgressListener progress, CancellationToken cancellation, TensorTap tap,
        long startNanos) {

    public RunContext {
        Objects.requireNonNull(noise, "noise");
        progress = progress == null ? ProgressListener.NONE : progress;
        cancellation = cancellation == null ? new CancellationToken() : cancellation;
        tap = tap == null ? TensorTap.NONE : tap;
    }

    public static RunContext of(NoiseSource noise) {
        return new RunContext(noise, null, null, null, System.nanoTime());
    }

    public RunContext withProgress(ProgressListener p) {
        return new RunContext(noise, p, cancellation, tap, startNanos);
    }

    public RunContext withCancellation(CancellationToken c) {
        return new RunContext(noise, progress, c, tap, startNanos);
    }

    public RunContext withTap(TensorTap t) {
        return new RunContext(noise, progress, cancellation, t, startNanos);
    }

    void report(Stage stage, int step, int total) {
        progress.onProgress(new Progress(stage, step, total, Duration.ofNanos(System.nanoTime() - startNanos)));
    }

    void checkCancelled(Stage stage, int step) {
        cancellation.throwIfCancelled(stage, step);
    }
}
