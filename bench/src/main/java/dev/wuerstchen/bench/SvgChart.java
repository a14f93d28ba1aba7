package dev.wuerstchen.bench;

import dev.wuerstchen.bench.BenchReport.MatmulResult;
import dev.wuerstchen.bench.BenchReport.Problem;
import dev.wuerstchen.bench.BenchReport.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a report as an SVG file of three horizontal bar charts (seconds per step, GFLOP/s next to
 * the GEMM peak, peak resident memory), written by hand: the format is plain XML and a chart
 * library would be the largest dependency of the module.
 */
final class SvgChart {

    /** One bar: a value, an optional min–max whisker (NaN for none), its colour and its caption. */
    record Bar(String label, double value, double min, double max, String color, String text) {
    }

    private static final int WIDTH = 1040;
    private static final int LABEL_WIDTH = 230;
    private static final int PLOT_WIDTH = 520;
    private static final int BAR_HEIGHT = 22;
    private static final int BAR_GAP = 8;
    private static final double GIB = 1L << 30;

    private static final String PRIOR = "#4c78a8";
    private static final String DECODER = "#f58518";
    private static final String GEMM = "#8c8c8c";

    private SvgChart() {
    }

    static String render(BenchReport r) {
        StringBuilder body = new StringBuilder();
        int y = 30;
        body.append(text(20, y, "Würstchen step benchmark", 20, "bold", "#222"));
        y += 22;
        body.append(text(20, y, String.format(Locale.ROOT, "%s · %d cores · %.1f GiB · %s · %s · %s weights (synthetic)",
                r.machine().cpu(), r.machine().cores(), r.machine().memoryBytes() / GIB, r.machine().java(),
                r.created(), r.settings().size()), 12, "normal", "#555"));
        y += 16;
        body.append(text(20, y, "load average before / after: " + r.load().atStart() + " / " + r.load().atEnd()
                + " (2-core machines: other work slows every figure)", 12, "normal", "#555"));
        y += 30;

        List<Bar> seconds = new ArrayList<>();
        List<Bar> rates = new ArrayList<>();
        List<Bar> memory = new ArrayList<>();
        for (StepResult s : r.steps()) {
            String label = s.network() + " · " + s.backend();
            String color = s.network().equals("prior") ? PRIOR : DECODER;
            seconds.add(new Bar(label, s.secondsPerStep(), s.secondsMin(), s.secondsMax(), color,
                    String.format(Locale.ROOT, "%.3g s (n=%d, %.2f TFLOP, others %.2f cores)", s.secondsPerStep(),
                            s.samples(), s.multiplyAddFlops() / 1e12, s.otherCores())));
            rates.add(new Bar(label, s.gflopsPerSecond(), s.gflopsPerSecond(), s.gflopsPerSecondBest(), color,
                    String.format(Locale.ROOT, "%.1f GFLOP/s, best %.1f%s", s.gflopsPerSecond(), s.gflopsPerSecondBest(),
                            s.fractionOfMatmulPeak() > 0
                                    ? String.format(Locale.ROOT, " (%.0f%% of GEMM best)", 100 * s.fractionOfMatmulPeak()) : "")));
            memory.add(new Bar(label, s.peakRssBytes() / GIB, Double.NaN, Double.NaN, color,
                    String.format(Locale.ROOT, "%.2f GiB (weights %.2f GiB)", s.peakRssBytes() / GIB, s.weightBytes() / GIB)));
        }
        for (MatmulResult m : r.matmulPeak()) {
            String label = "GEMM " + m.n() + "³ · " + m.backend();
            rates.add(new Bar(label, m.gflopsPerSecond(), m.gflopsPerSecond(), m.gflopsPerSecondBest(), GEMM,
                    String.format(Locale.ROOT, "%.1f GFLOP/s, best %.1f", m.gflopsPerSecond(), m.gflopsPerSecondBest())));
            memory.add(new Bar(label, m.peakRssBytes() / GIB, Double.NaN, Double.NaN, GEMM,
                    String.format(Locale.ROOT, "%.2f GiB", m.peakRssBytes() / GIB)));
        }
        y = panel(body, y, "Seconds per step (one network call; lower is better; whisker = min–max)", seconds);
        y = panel(body, y, "GFLOP/s (multiply-add FLOPs / mean time; whisker to the fastest call) next to the GEMM peak", rates);
        y = panel(body, y, "Peak resident memory of the benchmark's process (VmHWM)", memory);
        if (!r.problems().isEmpty()) {
            body.append(text(20, y, "Problems", 14, "bold", "#b00"));
            y += 20;
            for (Problem p : r.problems()) {
                body.append(text(30, y, p.backend() + " · " + p.benchmark() + ": " + shorten(p.reason(), 140), 12, "normal",
                        "#b00"));
                y += 18;
            }
        }
        y += 10;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\">%n", WIDTH, y, WIDTH, y)
                + String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, y)
                + body + "</svg>\n";
    }

    /** Draws one titled chart from {@code top}; returns the y below it. */
    static int panel(StringBuilder b, int top, String title, List<Bar> bars) {
        int y = top;
        b.append(text(20, y, title, 14, "bold", "#222"));
        y += 12;
        if (bars.isEmpty()) {
            b.append(text(LABEL_WIDTH, y + 16, "no data", 12, "italic", "#888"));
            return y + 40;
        }
        double max = 0;
        for (Bar bar : bars) {
            max = Math.max(max, Double.isNaN(bar.max()) ? bar.value() : Math.max(bar.value(), bar.max()));
        }
        double reach = max > 0 ? 1.04 * max : 1; // a little room right of the longest bar
        double step = niceStep(reach);
        double axisMax = Math.ceil(reach / step) * step;
        int plotTop = y;
        int plotHeight = bars.size() * (BAR_HEIGHT + BAR_GAP) + BAR_GAP;
        for (double t = 0; t <= axisMax + step / 2; t += step) {
            double x = LABEL_WIDTH + PLOT_WIDTH * t / axisMax;
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", x,
                    plotTop, x, plotTop + plotHeight));
            b.append(text(x, plotTop + plotHeight + 14, format(t), 10, "normal", "#666", "middle"));
        }
        y += BAR_GAP;
        for (Bar bar : bars) {
            double w = PLOT_WIDTH * Math.max(0, bar.value()) / axisMax;
            b.append(text(LABEL_WIDTH - 8, y + BAR_HEIGHT - 6, bar.label(), 12, "normal", "#222", "end"));
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                    LABEL_WIDTH, y, w, BAR_HEIGHT, bar.color()));
            if (!Double.isNaN(bar.min()) && bar.max() > bar.min()) {
                double x1 = LABEL_WIDTH + PLOT_WIDTH * bar.min() / axisMax;
                double x2 = LABEL_WIDTH + PLOT_WIDTH * bar.max() / axisMax;
                int mid = y + BAR_HEIGHT / 2;
                b.append(String.format(Locale.ROOT, "<path d=\"M%.1f %d H%.1f M%.1f %d V%d M%.1f %d V%d\" stroke=\"#222\" "
                        + "stroke-width=\"1.5\" fill=\"none\"/>%n", x1, mid, x2, x1, mid - 5, mid + 5, x2, mid - 5, mid + 5));
            }
            double tx = LABEL_WIDTH + Math.max(w, Double.isNaN(bar.max()) ? 0 : PLOT_WIDTH * bar.max() / axisMax) + 6;
            b.append(text(tx, y + BAR_HEIGHT - 6, bar.text(), 11, "normal", "#222"));
            y += BAR_HEIGHT + BAR_GAP;
        }
        return plotTop + plotHeight + 44;
    }

    /** A step of 1, 2 or 5 × 10^k giving 4 to 10 grid lines up to {@code max}. */
    static double niceStep(double max) {
        double raw = max / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String text(double x, double y, String s, int size, String weight, String color) {
        return text(x, y, s, size, weight, color, "start");
    }

    private static String text(double x, double y, String s, int size, String weight, String color, String anchor) {
        String style = weight.equals("italic") ? "font-style=\"italic\"" : "font-weight=\"" + weight + "\"";
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" %s fill=\"%s\" text-anchor=\"%s\">%s</text>%n",
                x, y, size, style, color, anchor, escape(s));
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
