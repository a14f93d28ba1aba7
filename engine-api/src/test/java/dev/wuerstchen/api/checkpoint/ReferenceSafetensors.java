package dev.wuerstchen.api.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wuerstchen.api.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test oracle: a deliberately naive safetensors reader (whole file on the heap, ByteBuffer
 * LITTLE_ENDIAN, plain Jackson tree), sharing no code with the classes under test. Also builds
 * hand-made files for the malformed-input tests.
 */
final class ReferenceSafetensors {

    record Tensor(String dtype, long[] shape, long begin, long end) {
    }

    final long headerLength;
    final JsonNode header;
    final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final ByteBuffer data;

    private ReferenceSafetensors(byte[] bytes) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        headerLength = all.getLong(0);
        header = new ObjectMapper().readTree(Arrays.copyOfRange(bytes, 8, (int) (8 + headerLength)));
        for (Map.Entry<String, JsonNode> e : header.properties()) {
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode v = e.getValue();
            long[] shape = new long[v.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = v.get("shape").get(i).longValue();
            }
            tensors.put(e.getKey(), new Tensor(v.get("dtype").textValue(), shape,
                    v.get("data_offsets").get(0).longValue(), v.get("data_offsets").get(1).longValue()));
        }
        data = ByteBuffer.wrap(bytes, (int) (8 + headerLength), (int) (bytes.length - 8 - headerLength))
                .slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    static ReferenceSafetensors read(Path file) {
        try {
            return new ReferenceSafetensors(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long dataStart() {
        return 8 + headerLength;
    }

    float[] floats(String name) {
        Tensor t = tensors.get(name);
        float[] out = new float[(int) ((t.end - t.begin) / 4)];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.getFloat((int) t.begin + 4 * i);
        }
        return out;
    }

    long[] longs(String name) {
        Tensor t = tensors.get(name);
        long[] out = new long[(int) ((t.end - t.begin) / 8)];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.getLong((int) t.begin + 8 * i);
        }
        return out;
    }

    short[] shorts(String name) {
        Tensor t = tensors.get(name);
        short[] out = new short[(int) ((t.end - t.begin) / 2)];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.getShort((int) t.begin + 2 * i);
        }
        return out;
    }

    int[] unsignedBytes(String name) {
        Tensor t = tensors.get(name);
        int[] out = new int[(int) (t.end - t.begin)];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.get((int) t.begin + i) & 0xFF;
        }
        return out;
    }

    /** 8-byte little-endian header length, the header text as given, then the data bytes. */
    static byte[] build(String headerJson, byte[] data) {
        return build(headerJson.getBytes(java.nio.charset.StandardCharsets.UTF_8), data);
    }

    static byte[] build(byte[] header, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        return b.putLong(header.length).put(header).put(data).array();
    }

    /** The tiny golden set; only the parsing above must stay independent of the code under test. */
    static Path tiny() {
        return TestData.tiny();
    }
}
