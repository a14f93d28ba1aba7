package dev.wuerstchen.bench;

import dev.wuerstchen.api.error.WuerstchenException;

/** The benchmark harness could not run (JMH refused to start, no backend can run, ...). */
public final class BenchmarkException extends WuerstchenException {

    public BenchmarkException(String message) {
        super(message);
    }

    public BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
