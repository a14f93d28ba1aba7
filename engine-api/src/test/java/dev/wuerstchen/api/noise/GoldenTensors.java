package dev.wuerstchen.api.noise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Test helper: a golden reference set ({@code golden.safetensors} + {@code golden-index.json}) read
 * with a deliberately small, independent safetensors parser (8-byte little-endian header length,
 * JSON header, little-endian F32/I64 data). Shared with the scheduler tests through the test-jar.
 */
public final class GoldenTensors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final JsonNode header;
    private final ByteBuffer data;
    private final JsonNode index;

    private GoldenTensors(Path folder) {
        this.folder = folder;
        try {
            byte[] bytes = Files.readAllBytes(folder.resolve("golden.safetensors"));
            ByteBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int headerLength = Math.toIntExact(all.getLong(0));
            header = JSON.readTree(new String(bytes, 8, headerLength, StandardCharsets.UTF_8));
            data = all.slice(8 + headerLength, bytes.length - 8 - headerLength).order(ByteOrder.LITTLE_ENDIAN);
            index = JSON.readTree(folder.resolve("golden-index.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the golden reference set in " + folder, e);
        }
    }

    /** The reference set in {@code testdata/golden/<name>} of the repository. */
    public static GoldenTensors load(String name) {
        return new GoldenTensors(repoRoot().resolve("testdata/golden").resolve(name));
    }

    /** The repository root: {@code -Dwuerstchen.root}, else the first parent holding {@code testdata/}. */
    public static Path repoRoot() {
        String property = System.getProperty("wuerstchen.root");
        if (property != null && Files.isDirectory(Path.of(property, "testdata"))) {
            return Path.of(property);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("testdata"))) {
                return p;
            }
        }
        throw new IllegalStateException("no testdata/ folder above " + Path.of("").toAbsolutePath()
                + "; run the tests from the repository or set -Dwuerstchen.root");
    }

    public Path folder() {
        return folder;
    }

    /** {@code golden-index.json}. */
    public JsonNode index() {
        return index;
    }

    public boolean has(String name) {
        return header.has(name);
    }

    /** Tensor names starting with {@code prefix}, in header order sorted by name. */
    public List<String> names(String prefix) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = header.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (n.startsWith(prefix)) {
                out.add(n);
            }
        }
        out.sort(null);
        return out;
    }

    public Shape shape(String name) {
        JsonNode dims = entry(name).get("shape");
        long[] d = new long[dims.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = dims.get(i).asLong();
        }
        return Shape.ofLongs(d);
    }

    /** A tensor as F32 (I64 tensors are read as longs). */
    public HostTensor tensor(String name) {
        JsonNode e = entry(name);
        Shape shape = shape(name);
        int from = e.get("data_offsets").get(0).asInt();
        String dtype = e.get("dtype").asText();
        return switch (dtype) {
            case "F32" -> {
                float[] v = new float[shape.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = data.getFloat(from + 4 * i);
                }
                yield HostTensor.of(shape, v);
            }
            case "I64" -> {
                long[] v = new long[shape.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = data.getLong(from + 8 * i);
                }
                yield HostTensor.of(shape, v);
            }
            default -> throw new IllegalStateException(name + " has dtype " + dtype + ", which this helper does not read");
        };
    }

    public float[] floats(String name) {
        return tensor(name).toFloatArray();
    }

    private JsonNode entry(String name) {
        JsonNode e = header.get(name);
        if (e == null) {
            throw new IllegalArgumentException("golden set " + folder + " has no tensor '" + name + "'");
        }
        return e;
    }

    /** Distance in units in the last place between two floats (0 when bit-identical or ±0). */
    public static long ulpDistance(float a, float b) {
        return Math.abs(ordered(a) - ordered(b));
    }

    private static long ordered(float f) {
        int bits = Float.floatToIntBits(f);
        return bits < 0 ? -(long) (bits & 0x7fffffff) : bits;
    }
}
