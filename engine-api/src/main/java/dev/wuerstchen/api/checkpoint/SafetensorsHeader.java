package dev.wuerstchen.api.checkpoint;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The parsed and fully validated JSON header of one safetensors file. Every check happens here, at
 * open time, so that reading a tensor later can trust offsets and sizes.
 *
 * @param metadata the {@code __metadata__} strings (empty if absent)
 * @param tensors every tensor by name, sorted
 */
record SafetensorsHeader(Map<String, String> metadata, SortedMap<String, TensorInfo> tensors) {

    static final String METADATA_KEY = "__metadata__";

    /** Rejects duplicate keys inside entries; top-level duplicates are detected by hand to name the tensor. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private static final String CORRUPT = "The file is corrupt or not a safetensors file; download it again";
    private static final String INCONSISTENT = "The header is inconsistent; download the file again or re-export it";

    /**
     * Parses and checks a header.
     *
     * @param file used in messages and stored in each {@link TensorInfo}
     * @param json the header bytes (UTF-8 JSON, possibly padded with spaces)
     * @param dataStart absolute file offset of the data area ({@code 8 + json.length})
     * @param dataSize length of the data area in bytes
     */
    static SafetensorsHeader parse(Path file, byte[] json, long dataStart, long dataSize) {
        String text;
        try {
            // Jackson would accept some malformed sequences; decode strictly first.
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(json)).toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointException(file, "header is not valid UTF-8. " + CORRUPT, e);
        }
        Map<String, String> metadata = Map.of();
        SortedMap<String, TensorInfo> tensors = new TreeMap<>();
        String current = null; // the entry being parsed, to point at it in JSON errors
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new CheckpointException(file, "header is " + (first == null ? "empty" : "a JSON " + kind(first))
                        + ", not a JSON object. " + CORRUPT);
            }
            boolean seenMetadata = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                current = name;
                p.nextToken();
                JsonNode value = JSON.readTree(p);
                current = null;
                if (name.equals(METADATA_KEY)) {
                    if (seenMetadata) {
                        throw new CheckpointException(file, "header holds '__metadata__' twice. " + CORRUPT);
                    }
                    seenMetadata = true;
                    metadata = metadata(file, value);
                } else {
                    if (tensors.containsKey(name)) {
                        throw new CheckpointException(file, "header lists tensor '" + name + "' twice. " + CORRUPT);
                    }
                    tensors.put(name, entry(file, name, value, dataStart, dataSize));
                }
            }
            if (p.nextToken() != null) {
                throw new CheckpointException(file, "header has content after its JSON object. " + CORRUPT);
            }
        } catch (JsonProcessingException e) {
            String where = current == null ? "" : " in the entry '" + current + "'";
            throw new CheckpointException(file, "header is not valid JSON" + where + " (" + jsonProblem(e) + "). "
                    + CORRUPT, e);
        } catch (IOException e) {
            throw new CheckpointException(file, "header cannot be parsed (" + e.getMessage() + "). " + CORRUPT, e);
        }
        checkNoOverlap(file, tensors.values(), dataStart);
        return new SafetensorsHeader(metadata, Collections.unmodifiableSortedMap(tensors));
    }

    /** Jackson's message without its location and its hints at Java-side settings. */
    static String jsonProblem(JsonProcessingException e) {
        String why = String.valueOf(e.getOriginalMessage());
        int cut = why.indexOf(" for `ObjectNode`"); // duplicate keys: the rest names a Jackson setting
        return cut > 0 ? why.substring(0, cut) : why;
    }

    private static Map<String, String> metadata(Path file, JsonNode value) {
        if (value == null || !value.isObject()) {
            throw new CheckpointException(file, "'__metadata__' is " + describe(value)
                    + ", but it must be an object of strings. " + CORRUPT);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (!e.getValue().isTextual()) {
                throw new CheckpointException(file, "'__metadata__' must be an object of strings, but its key '"
                        + e.getKey() + "' holds " + describe(e.getValue()) + ". " + CORRUPT);
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return Collections.unmodifiableMap(out);
    }

    private static TensorInfo entry(Path file, String name, JsonNode v, long dataStart, long dataSize) {
        String t = "tensor '" + name + "'";
        if (v == null || !v.isObject()) {
            throw new CheckpointException(file, t + ": its header entry is " + describe(v)
                    + ", not an object with dtype, shape and data_offsets. " + CORRUPT);
        }
        for (String field : new String[] {"dtype", "shape", "data_offsets"}) {
            if (!v.has(field)) {
                throw new CheckpointException(file, t + " has no '" + field + "' in the header. " + CORRUPT);
            }
        }
        DType dtype = dtype(file, t, v.get("dtype"));
        Shape shape = shape(file, t, v.get("shape"));
        long[] offsets = offsets(file, t, v.get("data_offsets"));
        long begin = offsets[0];
        long end = offsets[1];
        if (end > dataSize) {
            throw new CheckpointException(file, t + " ends at byte " + end + " but the data area is " + dataSize
                    + " bytes. The file is truncated; download it again");
        }
        long needed;
        try {
            needed = Math.multiplyExact(shape.elementCount(), dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new CheckpointException(file, t + " has shape " + shape + ", too large to address. " + CORRUPT, e);
        }
        if (end - begin != needed) {
            throw new CheckpointException(file, t + " is " + dtype + " with shape " + shape + ", which needs " + needed
                    + " bytes, but its data_offsets [" + begin + ", " + end + "] span " + (end - begin)
                    + " bytes (dtype, shape and byte count disagree). " + INCONSISTENT);
        }
        return new TensorInfo(name, dtype, shape, file, dataStart + begin, needed);
    }

    private static DType dtype(Path file, String t, JsonNode node) {
        DType dtype = node.isTextual() ? DType.fromSafetensorsName(node.textValue()) : null;
        if (dtype == null) {
            String supported = Arrays.stream(DType.values()).map(DType::safetensorsName)
                    .collect(Collectors.joining(", "));
            throw new CheckpointException(file, t + " has dtype " + node + ", which this engine does not read "
                    + "(supported: " + supported + "). Convert the checkpoint to one of these types");
        }
        return dtype;
    }

    private static Shape shape(Path file, String t, JsonNode node) {
        String problem = t + " has shape " + node + "; a shape must be a list of non-negative integers. " + CORRUPT;
        if (!node.isArray()) {
            throw new CheckpointException(file, problem);
        }
        long[] dims = new long[node.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = node.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.longValue() < 0) {
                throw new CheckpointException(file, problem);
            }
            dims[i] = d.longValue();
        }
        try {
            return Shape.ofLongs(dims);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CheckpointException(file, t + " has shape " + node + ", too large to address. " + CORRUPT, e);
        }
    }

    private static long[] offsets(Path file, String t, JsonNode node) {
        String problem = t + " has data_offsets " + node
                + "; they must be two non-negative integers [begin, end] with begin <= end. " + CORRUPT;
        if (!node.isArray() || node.size() != 2) {
            throw new CheckpointException(file, problem);
        }
        long[] out = new long[2];
        for (int i = 0; i < 2; i++) {
            JsonNode d = node.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.longValue() < 0) {
                throw new CheckpointException(file, problem);
            }
            out[i] = d.longValue();
        }
        if (out[0] > out[1]) {
            throw new CheckpointException(file, problem);
        }
        return out;
    }

    /**
     * Tensors may come in any order and leave gaps, but no two may share a byte. Sorted by start, any
     * overlap shows up between neighbours: whatever starts inside a range comes right after its start.
     */
    private static void checkNoOverlap(Path file, Iterable<TensorInfo> tensors, long dataStart) {
        List<TensorInfo> byStart = new ArrayList<>();
        for (TensorInfo t : tensors) {
            if (t.byteLength() > 0) { // an empty range shares no byte with anything
                byStart.add(t);
            }
        }
        byStart.sort(Comparator.comparingLong(TensorInfo::fileOffset).thenComparingLong(TensorInfo::byteLength));
        for (int i = 1; i < byStart.size(); i++) {
            TensorInfo prev = byStart.get(i - 1);
            TensorInfo t = byStart.get(i);
            if (t.fileOffset() < end(prev)) {
                throw new CheckpointException(file, "tensors '" + prev.name() + "' (bytes " + range(prev, dataStart)
                        + ") and '" + t.name() + "' (bytes " + range(t, dataStart) + ") overlap. " + CORRUPT);
            }
        }
    }

    private static long end(TensorInfo t) {
        return t.fileOffset() + t.byteLength();
    }

    private static String range(TensorInfo t, long dataStart) {
        return (t.fileOffset() - dataStart) + "-" + (end(t) - dataStart);
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> "value";
        };
    }

    private static String describe(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        return "a JSON " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " (" + v + ")";
    }
}
