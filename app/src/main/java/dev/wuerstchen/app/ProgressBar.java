package dev.wuerstchen.app;

import dev.wuerstchen.engine.pipeline.Progress;
import dev.wuerstchen.engine.pipeline.ProgressListener;
import dev.wuerstchen.engine.pipeline.Stage;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress on stderr: a redrawn bar on a terminal (stage, step i/N, elapsed, ETA), plain lines when
 * stderr is redirected (one per stage start and about every tenth of a stage), nothing when quiet.
 */
final class ProgressBar implements ProgressListener {

    private static final int WIDTH = 28;

    private final PrintWriter err;
    private final boolean terminal;
    private final boolean quiet;
    private Stage stage;
    private Duration stageStart = Duration.ZERO;
    private int lastPrinted = -1;

    ProgressBar(PrintWriter err, boolean terminal, boolean quiet) {
        this.err = err;
        this.terminal = terminal;
        this.quiet = quiet;
    }

    /** Whether stderr is an interactive terminal. */
    static boolean stderrIsTerminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal() && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    @Override
    public void onProgress(Progress p) {
        if (quiet) {
            return;
        }
        if (p.stage() != stage) {
            if (terminal && stage != null) {
                err.println();
            }
            stage = p.stage();
            stageStart = p.elapsed();
            lastPrinted = -1;
        }
        if (terminal) {
            err.print("\r" + line(p));
            if (p.step() == p.total() && p.total() > 0) {
                err.println();
                stage = null;
            }
            err.flush();
        } else {
            int decile = p.total() == 0 ? 10 : p.step() * 10 / p.total();
            if (decile != lastPrinted) {
                lastPrinted = decile;
                err.println(line(p));
                err.flush();
            }
        }
    }

    String line(Progress p) {
        int filled = p.total() == 0 ? WIDTH : p.step() * WIDTH / p.total();
        String bar = terminal ? " [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "]" : "";
        Duration inStage = p.elapsed().minus(stageStart);
        String eta = "";
        if (p.step() > 0 && p.step() < p.total()) {
            double perStep = inStage.toNanos() / 1e9 / p.step();
            eta = String.format(Locale.ROOT, ", ETA %s", seconds(perStep * (p.total() - p.step())));
        }
        return String.format(Locale.ROOT, "%-20s%s step %d/%d, elapsed %s%s", p.stage().label(), bar, p.step(), p.total(),
                seconds(p.elapsed().toNanos() / 1e9), eta);
    }

    private static String seconds(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        return String.format(Locale.ROOT, "%d min %02d s", (long) s / 60, (long) s % 60);
    }
}
