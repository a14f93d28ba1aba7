package dev.wuerstchen.engine.pipeline;

import java.time.Duration;

/**
 * Where a generation is: {@code step} of {@code total} steps of {@code stage} are done
 * (0 at the start of a stage), {@code elapsed} since the generation began.
 */
public record Progress(Stage stage, int step, int total, Duration elapsed) {
}
