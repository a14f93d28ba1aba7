package dev.wuerstchen.app;

import dev.wuerstchen.engine.pipeline.CancellationToken;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a generation: a shutdown hook cancels the run, which stops at the next step, and
 * waits (up to a few seconds) for the command to unwind so no temporary file is left behind.
 */
final class Interruption implements AutoCloseable {

    private static final long GRACE_SECONDS = 20;

    private final CancellationToken token = new CancellationToken();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private Interruption() {
        hook = new Thread(() -> {
            token.cancel();
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "wuerstchen-interrupt");
    }

    static Interruption install() {
        Interruption i = new Interruption();
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    CancellationToken token() {
        return token;
    }

    /** The command is done (or failed): the hook has nothing to wait for any more. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting; the hook runs and returns at once
        }
    }
}
