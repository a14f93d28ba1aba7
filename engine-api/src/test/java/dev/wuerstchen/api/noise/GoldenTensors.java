package dev.wuerstchen.api.noise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wuerstchen.api.TestData;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.Checkpoints;
import dev.wuerstchen.api.checkpoint.TensorInfo;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: a golden reference set ({@code golden.safetensors} + {@code golden-index.json}),
 * its F32 and I64 tensors read once through {@link Checkpoints}. Shared with the scheduler tests
 * through the test-jar.
 */
public final class GoldenTensors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final Map<String, TensorInfo> infos = new HashMap<>();
    private final Map<String, HostTensor> tensors = new HashMap<>();
    private final JsonNode index;

    private GoldenTensors(Path folder) {
        this.folder = folder;
        try (Checkpoint golden = Checkpoints.open(folder.resolve("golden.safetensors"))) {
            for (String name : golden.names()) {
                TensorInfo info = golden.info(name);
                infos.put(name, info);
                if (info.dtype() == DType.F32 || info.dtype() == DType.I64) {
                    tensors.put(name, golden.read(name));
                }
            }
        }
        try {
            index = JSON.readTree(folder.resolve("golden-index.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the golden reference set in " + folder, e);
        }
    }

    /** The reference set the golden tests run on ({@link TestData#goldenSet()}). */
    public static GoldenTensors load() {
        return new GoldenTensors(TestData.goldenSet());
    }

    public Path folder() {
        return folder;
    }

    /** {@code golden-index.json}. */
    public JsonNode index() {
        return index;
    }

    public boolean has(String name) {
        return infos.containsKey(name);
    }

    /** Tensor names starting with {@code prefix}, sorted. */
    public List<String> names(String prefix) {
        List<String> out = new ArrayList<>();
        for (String n : infos.keySet()) {
            if (n.startsWith(prefix)) {
                out.add(n);
            }
        }
        out.sort(null);
        return out;
    }

    public Shape shape(String name) {
        return info(name).shape();
    }

    /** An F32 or I64 tensor as stored. */
    public HostTensor tensor(String name) {
        TensorInfo info = info(name);
        HostTensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalStateException(name + " has dtype " + info.dtype() + ", which this helper does not read");
        }
        return t;
    }

    public float[] floats(String name) {
        return tensor(name).toFloatArray();
    }

    private TensorInfo info(String name) {
        TensorInfo info = infos.get(name);
        if (info == null) {
            throw new IllegalArgumentException("golden set " + folder + " has no tensor '" + name + "'");
        }
        return info;
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
