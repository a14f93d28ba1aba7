package dev.wuerstchen.engine.pipeline;

import dev.wuerstchen.api.error.WuerstchenException;

/** Thrown when a {@link CancellationToken} was cancelled; nothing was produced. */
public final class GenerationCancelledException extends WuerstchenException {

    public GenerationCancelledException(Stage stage, int step) {
        super("generation cancelled during the " + stage.label() + " stage after step " + step
                + ". Nothing was written; start again to generate");
    }
}
