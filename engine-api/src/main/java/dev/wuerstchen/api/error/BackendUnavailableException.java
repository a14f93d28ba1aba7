package dev.wuerstchen.api.error;

/** A backend was asked for but cannot run here; says what was searched and how to install it. */
public final class BackendUnavailableException extends WuerstchenException {

    private final String backend;

    public BackendUnavailableException(String backend, String searched, String howToFix) {
        super("backend '" + backend + "' is not available: " + searched + ". " + howToFix);
        this.backend = backend;
    }

    public String backend() {
        return backend;
    }
}
