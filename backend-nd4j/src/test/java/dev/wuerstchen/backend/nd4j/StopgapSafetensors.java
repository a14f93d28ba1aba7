package dev.wuerstchen.backend.nd4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.TensorInfo;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * STOPGAP, test-only: a minimal reader for one safetensors file (8-byte little-endian header
 * length, JSON header, little-endian data), enough for the golden files. To be replaced by
 * {@code dev.wuerstchen.api.checkpoint.Checkpoints.open} once the real reader lands in engine-api.
 * Reads the whole file into memory; F32, I64, I32 and U8 only.
 */
final class StopgapSafetensors implements Checkpoint {

    private final Path file;
    private final ByteBuffer data;
    private final Map<String, TensorInfo> infos = new TreeMap<>();

    private StopgapSafetensors(Path file) throws IOException {
        this.file = file;
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = all.getLong(0);
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) headerLength,
                java.nio.charset.StandardCharsets.UTF_8));
        long base = 8 + headerLength;
        this.data = all;
        for (Iterator<Map.Entry<String, JsonNode>> it = header.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode t = e.getValue();
            DType dtype = DType.fromSafetensorsName(t.get("dtype").asText());
            long[] dims = new long[t.get("shape").size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = t.get("shape").get(i).asLong();
            }
            long begin = t.get("data_offsets").get(0).asLong();
            long end = t.get("data_offsets").get(1).asLong();
            infos.put(e.getKey(), new TensorInfo(e.getKey(), dtype, Shape.ofLongs(dims), file, base + begin, end - begin));
        }
    }

    static StopgapSafetensors open(Path file) {
        try {
            return new StopgapSafetensors(file);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot be read (" + e + ")", e);
        }
    }

    @Override
    public Path source() {
        return file;
    }

    @Override
    public Set<String> names() {
        return infos.keySet();
    }

    @Override
    public TensorInfo info(String name) {
        TensorInfo i = infos.get(name);
        if (i == null) {
            throw new CheckpointException(file, "holds no tensor '" + name + "'");
        }
        return i;
    }

    @Override
    public HostTensor read(String name) {
        TensorInfo i = info(name);
        int n = i.shape().size();
        int at = (int) i.fileOffset();
        if (i.dtype() == DType.F32) {
            float[] f = new float[n];
            data.slice(at, n * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
            return HostTensor.of(i.shape(), f);
        }
        long[] l = new long[n];
        for (int k = 0; k < n; k++) {
            l[k] = switch (i.dtype()) {
                case I64 -> data.getLong(at + 8 * k);
                case I32 -> data.getInt(at + 4 * k);
                case U8 -> data.get(at + k) & 0xFF;
                default -> throw new CheckpointException(file, "tensor '" + name + "' is " + i.dtype()
                        + ", which this stopgap reader does not convert");
            };
        }
        return HostTensor.of(i.shape(), l);
    }

    @Override
    public void close() {
        // nothing to release: the bytes live on the heap
    }
}
