package dev.wuerstchen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.bench.BenchReport.Problem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A benchmark that dies is reported with its reason, never silently left out. */
class FailureReportTest {

    @Test
    void aForkThatCannotStartBecomesAProblemInTheJsonAndTheSvg(@TempDir Path dir) throws Exception {
        BenchOptions options = BenchOptions.quick().withBackends(List.of("nd4j")).withNetworks(List.of(BenchNetwork.PRIOR))
                .withMatmulSizes(List.of()).withJvm("1m", List.of()).withOutputDir(dir); // the fork's JVM refuses -Xmx1m
        BenchReport report = BenchMain.run(options, new PrintWriter(new StringWriter(), true));
        assertEquals(List.of(), report.steps());
        Problem p = report.problems().getFirst();
        assertEquals("nd4j", p.backend());
        assertEquals("prior step", p.benchmark());
        assertTrue(p.reason().contains("exit code 1") && p.reason().contains("Too small maximum heap"), p.reason());
        assertEquals(report, ReportFiles.readJson(dir.resolve(BenchMain.JSON)));
        assertTrue(Files.readString(dir.resolve(BenchMain.SVG)).contains("Too small maximum heap"));
    }

    @Test
    void reasonsAreReadFromTheBlockOfTheFailedParameters() {
        List<String> log = List.of(
                "# Parameters: (backend = nd4j, network = prior, size = published, threads = 0)",
                "Iteration   1: 40.0 s/op",
                "# Parameters: (backend = nd4j, network = decoder, size = published, threads = 0)",
                "# Fork: 1 of 1",
                "<failure>",
                "",
                "java.lang.OutOfMemoryError: Cannot allocate 68 MB",
                "\tat dev.wuerstchen.X.y(X.java:1)",
                "# Parameters: (backend = onnxruntime, network = decoder, size = published, threads = 0)",
                "<forked VM failed with exit code 137>",
                "<stdout last='20 lines'>",
                "</stdout>",
                "# Run complete. Total time: 00:10:00");
        assertEquals("java.lang.OutOfMemoryError: Cannot allocate 68 MB",
                JmhSession.failureReason(log, Map.of("backend", "nd4j", "network", "decoder")));
        String killed = JmhSession.failureReason(log, Map.of("backend", "onnxruntime", "network", "decoder"));
        assertTrue(killed.startsWith("forked VM failed with exit code 137") && killed.contains("out-of-memory killer"), killed);
        assertTrue(JmhSession.failureReason(log, Map.of("backend", "nd4j", "network", "prior")).startsWith("no result"));
    }
}
