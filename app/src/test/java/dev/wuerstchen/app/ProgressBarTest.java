package dev.wuerstchen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.engine.pipeline.Progress;
import dev.wuerstchen.engine.pipeline.Stage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static String drive(boolean terminal, boolean quiet) {
        StringWriter s = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(s, true), terminal, quiet);
        for (int i = 0; i <= 20; i++) {
            bar.onProgress(new Progress(Stage.PRIOR, i, 20, Duration.ofMillis(100L * i)));
        }
        bar.onProgress(new Progress(Stage.DECODER, 0, 4, Duration.ofMillis(2000)));
        return s.toString();
    }

    @Test
    void plainLinesWhenNotATerminal() {
        String out = drive(false, false);
        assertTrue(out.contains("prior                step 10/20, elapsed 1.0 s, ETA 1.0 s"), out);
        assertTrue(out.contains("prior                step 20/20, elapsed 2.0 s\n"), out);
        assertEquals(12, out.lines().count(), "about one line per tenth of a stage plus the stage start:\n" + out);
        assertTrue(!out.contains("\r"), "no carriage returns in logs");
    }

    @Test
    void aRedrawnBarOnATerminal() {
        String out = drive(true, false);
        assertTrue(out.contains("\rprior                [##############--------------] step 10/20"), out);
        assertTrue(out.contains("step 20/20, elapsed 2.0 s\n"), out);
    }

    @Test
    void nothingWhenQuiet() {
        assertEquals("", drive(true, true));
    }
}
