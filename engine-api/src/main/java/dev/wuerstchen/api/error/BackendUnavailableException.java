package dev.wuerstchen.api.error;

/** A backend was asked for but cannot run here; says what was searched and how to install it. */
public final class BackendUnavailableException extends WuerstchenException {

    private final String backend;

    /** @param searched the places looked at, separated by {@code "; "} (shown one per line) */
    public BackendUnavailableException(String backend, String searched, String howToFix) {
        super("backend '" + backend + "' is not available here. Searched:\n    " + searched.replace("; ", "\n    ")
                + "\n  " + howToFix);
        this.backend = backend;
    }

    public String backend() {
        return backend;
    }
}
