package dev.wuerstchen.engine.pipeline;

/** Lets another thread stop a generation; it is checked between steps. */
public final class CancellationToken {

    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    void throwIfCancelled(Stage stage, int step) {
        if (cancelled) {
            throw new GenerationCancelledException(stage, step);
        }
    }
}
