package dev.wuerstchen.engine.pipeline;

/** Receives progress reports on the generating thread; must return quickly. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = p -> { };

    void onProgress(Progress progress);
}
