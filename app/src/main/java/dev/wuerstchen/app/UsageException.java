package dev.wuerstchen.app;

/** A flag value the command cannot use; becomes exit code 2 with the message. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
