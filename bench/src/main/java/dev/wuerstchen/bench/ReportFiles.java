package dev.wuerstchen.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wuerstchen.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes a report as JSON and as an SVG chart, each file atomically. */
final class ReportFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {
    }

    static void write(BenchReport report, Path json, Path svg) {
        AtomicFiles.write(json, toJson(report).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(svg, SvgChart.render(report).getBytes(StandardCharsets.UTF_8));
    }

    static String toJson(BenchReport report) {
        try {
            return JSON.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bench report: cannot be turned into JSON (" + e.getMessage()
                    + "). This is a bug in the report records", e);
        }
    }

    static BenchReport readJson(Path file) throws IOException {
        return JSON.readValue(file.toFile(), BenchReport.class);
    }
}
