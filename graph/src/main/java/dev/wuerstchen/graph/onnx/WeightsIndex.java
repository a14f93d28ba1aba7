package dev.wuerstchen.graph.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.tensor.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each weight of a network lives in its weights file: float32 little-endian, in manifest order,
 * every tensor starting at a multiple of {@link #ALIGNMENT} bytes (the page size, so runtimes can map
 * tensors straight from the file). The layout depends only on the manifest, so the same manifest
 * always gives the same offsets. Stored as a small JSON file next to the weights.
 *
 * @param format layout version ({@link #FORMAT})
 * @param weightsFile the weights file's name (in the same folder)
 * @param checkpoint the identity key of the checkpoint the bytes were copied from
 * @param totalBytes size of the weights file
 * @param tensors every tensor in file order
 */
public record WeightsIndex(int format, String weightsFile, String checkpoint, long totalBytes, List<Entry> tensors) {

    public static final int FORMAT = 1;
    public static final int ALIGNMENT = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tensor's place in the weights file. */
    public record Entry(String name, Shape shape, long offset, long length) {
    }

    public WeightsIndex {
        tensors = List.copyOf(tensors);
    }

    /** The layout of a manifest's weights (float32, aligned, in manifest order). */
    static WeightsIndex plan(ParameterManifest manifest, String weightsFile, String checkpoint) {
        List<Entry> entries = new ArrayList<>();
        long at = 0;
        for (Map.Entry<String, Shape> p : manifest.parameters().entrySet()) {
            at = align(at);
            long length = p.getValue().elementCount() * Float.BYTES;
            entries.add(new Entry(p.getKey(), p.getValue(), at, length));
            at += length;
        }
        return new WeightsIndex(FORMAT, weightsFile, checkpoint, at, entries);
    }

    static long align(long offset) {
        return (offset + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** Name → entry, in file order. */
    public Map<String, Entry> byName() {
        Map<String, Entry> m = new LinkedHashMap<>();
        tensors.forEach(e -> m.put(e.name(), e));
        return m;
    }

    byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", format);
        root.put("weightsFile", weightsFile);
        root.put("checkpoint", checkpoint);
        root.put("alignment", ALIGNMENT);
        root.put("totalBytes", totalBytes);
        ArrayNode list = root.putArray("tensors");
        for (Entry e : tensors) {
            ObjectNode t = list.addObject();
            t.put("name", e.name());
            ArrayNode dims = t.putArray("shape");
            for (int d : e.shape().dims()) {
                dims.add(d);
            }
            t.put("offset", e.offset());
            t.put("length", e.length());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the weights index", e);
        }
    }

    /**
     * Reads an index file, or returns null if it is missing or unreadable (the caller then writes the
     * weights again; a damaged cache is never an error).
     */
    static WeightsIndex readOrNull(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            List<Entry> entries = new ArrayList<>();
            for (JsonNode t : root.required("tensors")) {
                int[] dims = new int[t.required("shape").size()];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = t.required("shape").get(i).intValue();
                }
                entries.add(new Entry(t.required("name").asText(), Shape.of(dims), t.required("offset").asLong(),
                        t.required("length").asLong()));
            }
            return new WeightsIndex(root.required("format").asInt(), root.required("weightsFile").asText(),
                    root.required("checkpoint").asText(), root.required("totalBytes").asLong(), entries);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
