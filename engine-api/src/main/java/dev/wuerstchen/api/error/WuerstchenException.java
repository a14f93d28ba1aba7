package dev.wuerstchen.api.error;

/**
 * Root of the project's unchecked exceptions. Messages follow one shape:
 * {@code <subject>: <problem>. <fix>.}
 */
public abstract class WuerstchenException extends RuntimeException {

    protected WuerstchenException(String message) {
        super(message);
    }

    protected WuerstchenException(String message, Throwable cause) {
        super(message, cause);
    }
}
