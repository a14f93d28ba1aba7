package dev.wuerstchen.app;

import dev.wuerstchen.engine.pipeline.Progress;
import dev.wuerstchen.engine.pipeline.ProgressListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress on stderr: a redrawn bar on a terminal (task, i/N, elapsed, ETA), plain lines when stderr
 * is redirected (one at the start of each task and about every tenth of it), nothing when quiet.
 */
final class ProgressBar implements ProgressListener {

    private static final int WIDTH = 28;

    private final PrintWriter err;
    private final boolean terminal;
    private final boolean quiet;
    private String task;
    private Duration taskStart = Duration.ZERO;
    private int lastPrinted = -1;

    ProgressBar(PrintWriter err, boolean terminal, boolean quiet) {
        this.err = err;
        this.terminal = terminal;
        this.quiet = quiet;
    }

    /**
     * Whether stderr is an interactive terminal. Java can only tell about stdin/stdout, so the
     * launcher tests stderr ({@code [ -t 2 ]}) and passes {@code -Dwuerstchen.stderr.tty=true}.
     */
    static boolean stderrIsTerminal() {
        return Boolean.getBoolean("wuerstchen.stderr.tty") && !"dumb".equals(System.getenv("TERM"));
    }

    /** A pipeline step. */
    @Override
    public void onProgress(Progress p) {
        update(p.stage().label(), p.step(), p.total(), String.format(Locale.ROOT, "step %d/%d", p.step(), p.total()),
                p.elapsed());
    }

    /** Bytes of a long copy, such as exported weights. */
    void bytes(String label, long done, long total, Duration elapsed) {
        update(label, done, total, String.format(Locale.ROOT, "%.2f/%.2f GiB", done / 1073741824.0, total / 1073741824.0),
                elapsed);
    }

    private void update(String label, long done, long total, String count, Duration elapsed) {
        if (quiet) {
            return;
        }
        if (!label.equals(task)) {
            if (terminal && task != null) {
                err.println();
            }
            task = label;
            taskStart = elapsed;
            lastPrinted = -1;
        }
        String line = line(label, done, total, count, elapsed);
        if (terminal) {
            err.print("\r" + line);
            if (done == total && total > 0) {
                err.println();
                task = null;
            }
            err.flush();
        } else {
            int decile = total == 0 ? 10 : (int) (done * 10 / total);
            if (decile != lastPrinted) {
                lastPrinted = decile;
                err.println(line);
                err.flush();
            }
        }
    }

    private String line(String label, long done, long total, String count, Duration elapsed) {
        int filled = total == 0 ? WIDTH : (int) (done * WIDTH / total);
        String bar = terminal ? " [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "]" : "";
        Duration inTask = elapsed.minus(taskStart);
        String eta = "";
        if (done > 0 && done < total) {
            double perUnit = inTask.toNanos() / 1e9 / done;
            eta = String.format(Locale.ROOT, ", ETA %s", seconds(perUnit * (total - done)));
        }
        return String.format(Locale.ROOT, "%-20s%s %s, elapsed %s%s", label, bar, count,
                seconds(elapsed.toNanos() / 1e9), eta);
    }

    private static String seconds(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        return String.format(Locale.ROOT, "%d min %02d s", (long) s / 60, (long) s % 60);
    }
}
