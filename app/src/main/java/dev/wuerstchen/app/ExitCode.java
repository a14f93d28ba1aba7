package dev.wuerstchen.app;

/** Process exit codes of the {@code wuerstchen} command; documented in the README. */
public final class ExitCode {

    /** Success. */
    public static final int OK = 0;
    /** An internal error: a bug. */
    public static final int INTERNAL = 1;
    /** Usage: unknown or conflicting flags, bad flag values. */
    public static final int USAGE = 2;
    /** Bad input or model: missing or corrupt files, unsupported sizes, unavailable backends. */
    public static final int BAD_INPUT = 3;
    /** A comparison ran and found differences beyond tolerance ({@code parity}, {@code compare}). */
    public static final int CHECK_FAILED = 4;
    /** Interrupted by the user. */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
