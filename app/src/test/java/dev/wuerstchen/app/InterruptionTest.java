package dev.wuerstchen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InterruptionTest {

    @Test
    void anInterruptSaysSoCancelsTheRunAndWaitsOnlyUntilTheCommandHasUnwound() throws Exception {
        StringWriter said = new StringWriter();
        Interruption i = Interruption.install(new PrintWriter(said, true));
        CompletableFuture<Void> hook = CompletableFuture.runAsync(i::stop);
        // the hook cancels before it waits: once the token says so, the command may unwind
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!i.token().isCancelled() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(i.token().isCancelled());
        assertFalse(hook.isDone(), "the hook waits for the command to unwind");
        i.close();
        hook.get(5, TimeUnit.SECONDS);
        assertTrue(said.toString().startsWith("interrupted: stopping after the current step"), said.toString());
    }

    @Test
    void afterTheCommandHasFinishedTheHookIsSilent() {
        StringWriter said = new StringWriter();
        Interruption i = Interruption.install(new PrintWriter(said, true));
        i.close();
        i.stop();
        assertEquals("", said.toString());
    }
}
