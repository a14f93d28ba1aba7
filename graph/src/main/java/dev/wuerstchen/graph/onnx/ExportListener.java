package dev.wuerstchen.graph.onnx;

import java.util.function.Consumer;

/** Hears what an export does: one-line messages, and byte counts while weights are copied. */
public interface ExportListener {

    /** A one-line message (weights written, model written or reused). */
    void message(String line);

    /** {@code done} of {@code total} weight bytes of {@code network} are written (called every few MiB). */
    void weights(String network, long done, long total);

    /** A listener that only takes messages. */
    static ExportListener of(Consumer<String> messages) {
        Consumer<String> m = messages == null ? s -> { } : messages;
        return new ExportListener() {
            @Override
            public void message(String line) {
                m.accept(line);
            }

            @Override
            public void weights(String network, long done, long total) {
                // messages only
            }
        };
    }
}
