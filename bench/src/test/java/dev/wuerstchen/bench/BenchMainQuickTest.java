package dev.wuerstchen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.bench.BenchReport.MatmulResult;
import dev.wuerstchen.bench.BenchReport.StepResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The whole path in quick mode: JMH forks of the tiny prior and decoder steps and a small GEMM on
 * nd4j, then the JSON and the SVG. Checks that the files say what was measured and that every
 * derived figure follows from the measured ones.
 */
class BenchMainQuickTest {

    @Test
    void quickRunWritesConsistentJsonAndSvg(@TempDir Path dir) throws Exception {
        BenchOptions options = BenchOptions.quick().withBackends(List.of("nd4j")).withMatmulSizes(List.of(128))
                .withOutputDir(dir);
        StringWriter console = new StringWriter();
        BenchReport report = BenchMain.run(options, new PrintWriter(console, true));

        assertEquals(List.of(), report.problems(), console.toString());
        assertEquals(2, report.steps().size());
        for (BenchNetwork n : BenchNetwork.values()) {
            StepResult s = report.step("nd4j", n.id()).orElseThrow();
            assertEquals("tiny", s.size());
            assertEquals(2, s.samples());
            assertTrue(s.secondsMin() > 0 && s.secondsMin() <= s.secondsPerStep() && s.secondsPerStep() <= s.secondsMax());
            FlopCount f = n.workload(ModelSize.TINY).flops();
            assertEquals(f.multiplyAddFlops(), s.multiplyAddFlops());
            assertEquals(f.elementwiseFlops(), s.elementwiseFlops());
            assertEquals(f.of(OpKind.ATTENTION), s.flopsByKind().get("attention"));
            assertTrue(s.secondsMin() <= s.secondsMedian() && s.secondsMedian() <= s.secondsMax());
            assertEquals(s.multiplyAddFlops() / s.secondsPerStep() / 1e9, s.gflopsPerSecond(), 1e-9 * s.gflopsPerSecond());
            assertEquals(s.multiplyAddFlops() / s.secondsMin() / 1e9, s.gflopsPerSecondBest(), 1e-9 * s.gflopsPerSecondBest());
            // the fork's own CPU use was measured (-1 when absent); how much it got depends on the machine's load
            assertTrue(Double.isFinite(s.selfCores()) && s.selfCores() >= 0
                    && s.selfCores() <= Runtime.getRuntime().availableProcessors() + 0.5, "self cores " + s.selfCores());
            assertTrue(s.otherCores() >= 0, "other cores " + s.otherCores());
            assertEquals(1L << 30, s.heapMaxBytes(), "the fork got the quick preset's -Xmx1g");
            assertTrue(s.peakRssBytes() > s.weightBytes() && s.peakRssBytes() < 8L << 30, "peak RSS " + s.peakRssBytes());
        }
        MatmulResult gemm = report.matmulPeak().getFirst();
        assertEquals(128, gemm.n());
        assertEquals(MatmulPeakBenchmark.REPEATS * 2L * 128 * 128 * 128, gemm.flopsPerCall());
        assertEquals(gemm.flopsPerCall() / gemm.secondsPerCall() / 1e9, gemm.gflopsPerSecond(), 1e-9 * gemm.gflopsPerSecond());
        StepResult prior = report.step("nd4j", "prior").orElseThrow();
        assertEquals(gemm.flopsPerCall() / gemm.secondsMin() / 1e9, gemm.gflopsPerSecondBest(), 1e-9 * gemm.gflopsPerSecondBest());
        assertEquals(prior.gflopsPerSecondBest() / gemm.gflopsPerSecondBest(), prior.fractionOfMatmulPeak(), 1e-12);
        assertTrue(report.load().atStart().matches("[0-9.]+ [0-9.]+ [0-9.]+"), report.load().atStart());

        // the JSON holds exactly the returned report
        assertEquals(report, ReportFiles.readJson(dir.resolve(BenchMain.JSON)));
        assertTrue(Files.readString(dir.resolve(BenchMain.LOG)).contains("# Run complete"));
        String out = console.toString();
        assertTrue(out.contains("[nd4j/prior] loaded") && out.contains("Written:"), out);
        // the backends' export cache was the run's own and is gone
        assertTrue(report.notes().get("cache").contains(dir.resolve("cache") + ", deleted after the run"),
                report.notes().toString());
        assertTrue(!Files.exists(dir.resolve("cache")), "the run's export cache was deleted");

        checkSvg(dir.resolve(BenchMain.SVG), report);

        // redrawing from the JSON gives the same chart
        String drawn = Files.readString(dir.resolve(BenchMain.SVG));
        Files.delete(dir.resolve(BenchMain.SVG));
        assertEquals(dir.resolve(BenchMain.SVG), BenchMain.replot(dir));
        assertEquals(drawn, Files.readString(dir.resolve(BenchMain.SVG)));
    }

    private static void checkSvg(Path svg, BenchReport report) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        List<String> texts = new ArrayList<>();
        NodeList t = doc.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < t.getLength(); i++) {
            texts.add(t.item(i).getTextContent());
        }
        for (String label : List.of("prior · nd4j", "decoder · nd4j", "GEMM 128³ · nd4j")) {
            assertTrue(texts.contains(label), label + " in " + texts);
        }
        // background, then 2 step bars (seconds), 3 bars (GFLOP/s with the GEMM), 3 bars (memory)
        NodeList rects = doc.getElementsByTagNameNS("*", "rect");
        assertEquals(1 + 2 + 3 + 3, rects.getLength());
        double priorWidth = Double.parseDouble(((Element) rects.item(1)).getAttribute("width"));
        double decoderWidth = Double.parseDouble(((Element) rects.item(2)).getAttribute("width"));
        double priorSeconds = report.step("nd4j", "prior").orElseThrow().secondsPerStep();
        double decoderSeconds = report.step("nd4j", "decoder").orElseThrow().secondsPerStep();
        // bars are proportional to seconds (widths are written to 0.1 px)
        assertEquals(priorSeconds / decoderSeconds, priorWidth / decoderWidth,
                0.1 / Math.min(priorWidth, decoderWidth) * (1 + priorWidth / decoderWidth));
    }
}
