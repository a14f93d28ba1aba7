package dev.wuerstchen.engine.parity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wuerstchen.api.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** All comparisons of one parity run. */
public record ParityReport(Path reference, String backend, String noise, List<Comparison> comparisons) {

    public ParityReport {
        comparisons = List.copyOf(comparisons);
    }

    public boolean passed() {
        return !comparisons.isEmpty() && comparisons.stream().allMatch(Comparison::passed);
    }

    public long failures() {
        return comparisons.stream().filter(c -> !c.passed()).count();
    }

    /** Writes the report as JSON (atomically: a failed write leaves no partial file). */
    public void writeJson(Path file) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("reference", reference.toString());
        root.put("backend", backend);
        root.put("noise", noise);
        root.put("passed", passed());
        root.put("compared", comparisons.size());
        root.put("failures", failures());
        ArrayNode list = root.putArray("comparisons");
        for (Comparison c : comparisons) {
            ObjectNode n = list.addObject();
            n.put("part", c.part().id());
            n.put("name", c.name());
            n.put("metric", c.metric().name().toLowerCase(java.util.Locale.ROOT));
            putNumber(n, "error", c.error());
            putNumber(n, "tolerance", c.tolerance());
            n.put("passed", c.passed());
            if (!c.detail().isEmpty()) {
                n.put("detail", c.detail());
            }
        }
        try {
            byte[] bytes = mapper.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(file, bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the parity report", e);
        }
    }

    private static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.put(key, Double.toString(v));
        }
    }
}
