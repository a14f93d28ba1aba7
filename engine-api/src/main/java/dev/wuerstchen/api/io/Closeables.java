package dev.wuerstchen.api.io;

import java.util.ArrayList;
import java.util.List;

/** Closing composites: every part is closed even when one fails; failures are kept, not lost. */
public final class Closeables {

    private Closeables() {
    }

    /**
     * Closes the parts in the given order. The first failure is rethrown (checked ones wrapped in
     * {@link IllegalStateException}) with the later ones attached as suppressed.
     */
    public static void closeAll(Iterable<? extends AutoCloseable> parts) {
        RuntimeException failure = null;
        List<AutoCloseable> copy = new ArrayList<>();
        parts.forEach(copy::add);
        for (AutoCloseable c : copy) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException("closing " + c + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Closes the parts (last-first) after {@code primary} went wrong while opening them: whatever
     * fails now is attached to {@code primary}, which the caller goes on to throw.
     */
    public static void closeAfterFailure(List<? extends AutoCloseable> openedInOrder, Throwable primary) {
        try {
            closeAllReversed(openedInOrder);
        } catch (RuntimeException e) {
            primary.addSuppressed(e);
        }
    }

    /** Closes the parts last-first (the reverse of the order they were opened in). */
    public static void closeAllReversed(List<? extends AutoCloseable> openedInOrder) {
        closeAll(new ArrayList<>(openedInOrder).reversed());
    }
}
