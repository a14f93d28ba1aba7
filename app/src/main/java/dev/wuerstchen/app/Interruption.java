package dev.wuerstchen.app;

import dev.wuerstchen.engine.pipeline.CancellationToken;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) during a generation: a shutdown hook says so, cancels the run, which stops at
 * the end of the current network call, and waits (up to {@value #GRACE_SECONDS} s) for the command to
 * unwind so no temporary file is left behind.
 */
final class Interruption implements AutoCloseable {

    /** Longer than one network call on real checkpoints (a decoder step on nd4j takes about a minute). */
    private static final long GRACE_SECONDS = 120;

    private final CancellationToken token = new CancellationToken();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private final PrintWriter err;

    private Interruption(PrintWriter err) {
        this.err = err;
        hook = new Thread(this::stop, "wuerstchen-interrupt");
    }

    /** What the hook does: say so, cancel, and wait for the command to unwind. */
    void stop() {
        if (finished.getCount() > 0) {
            err.println("interrupted: stopping after the current step (up to a minute or two on real checkpoints; "
                    + "'kill -9 " + ProcessHandle.current().pid() + "' stops at once)");
        }
        token.cancel();
        try {
            finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @param err where the hook says that the run is stopping */
    static Interruption install(PrintWriter err) {
        Interruption i = new Interruption(err);
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
