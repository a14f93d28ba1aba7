package dev.wuerstchen.api.checkpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.io.AtomicFiles;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Writes safetensors files. The header is computed from the declared entries first, then tensors
 * are fetched and written one at a time, so an output larger than memory can be produced.
 *
 * <p>Bytes go to a temporary file in the target's folder that is renamed over the target only when
 * complete; on any failure the temporary file is deleted, so no partial file is ever left. The same
 * input always gives the same bytes: tensors in the given order, metadata keys sorted, header padded
 * with spaces to a multiple of 8 bytes.
 */
public final class SafetensorsWriter {

    private static final ValueLayout.OfFloat NATIVE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfLong NATIVE_LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfFloat LE_FLOAT = NATIVE_FLOAT.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE_LONG = NATIVE_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort LE_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int CHUNK_BYTES = 1 << 20;

    private SafetensorsWriter() {
    }

    /**
     * One tensor to write.
     *
     * @param dtype the stored type: F32, F16 or BF16 for a float32 source; I64, I32 or U8 for an
     *     int64 source (narrowing is range-checked)
     * @param shape the shape the source must deliver
     * @param source called once, while writing, for the values
     */
    public record Entry(String name, DType dtype, Shape shape, Supplier<HostTensor> source) {

        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(dtype, "dtype");
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(source, "source");
            if (name.equals(SafetensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("'__metadata__' is reserved and cannot name a tensor");
            }
        }

        /** An entry for a tensor already in memory. */
        public static Entry of(String name, DType dtype, HostTensor tensor) {
            return new Entry(name, dtype, tensor.shape(), () -> tensor);
        }
    }

    /** Writes float32 tensors as F32 and int64 tensors as I64, in the map's order. */
    public static void write(Path file, SequencedMap<String, HostTensor> tensors, Map<String, String> metadata) {
        write(file, tensors, metadata, DType.F32);
    }

    /**
     * Writes float32 tensors as {@code floatType} (F32, F16 or BF16; narrowing rounds to nearest
     * even) and int64 tensors as I64, in the map's order.
     */
    public static void write(Path file, SequencedMap<String, HostTensor> tensors, Map<String, String> metadata,
            DType floatType) {
        if (!floatType.isFloatingPoint()) {
            throw new IllegalArgumentException("float tensors are stored as F32, F16 or BF16, not " + floatType);
        }
        List<Entry> entries = tensors.entrySet().stream()
                .map(e -> Entry.of(e.getKey(), e.getValue().dtype() == DType.F32 ? floatType : DType.I64, e.getValue()))
                .toList();
        write(file, entries, metadata);
    }

    /**
     * Writes the entries in order, fetching each tensor only when its turn comes.
     *
     * @param metadata written as {@code __metadata__} unless empty
     * @throws dev.wuerstchen.api.error.OutputFileException if the file cannot be written; exceptions from a source propagate
     *     unchanged. Either way the target is untouched.
     */
    public static void write(Path file, List<Entry> entries, Map<String, String> metadata) {
        byte[] header = header(entries, metadata);
        AtomicFiles.write(file, ch -> {
            writeFully(ch, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length));
            writeFully(ch, ByteBuffer.wrap(header));
            ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES);
            for (Entry e : entries) {
                writeTensor(ch, chunk, e, fetch(e));
            }
        });
    }

    /** The JSON header padded with spaces so that the data area starts at a multiple of 8. */
    static byte[] header(List<Entry> entries, Map<String, String> metadata) {
        ObjectNode root = SafetensorsHeader.JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafetensorsHeader.METADATA_KEY);
            new TreeMap<>(metadata).forEach(meta::put); // sorted: Map.of iteration order varies between runs
        }
        Set<String> seen = new HashSet<>();
        long offset = 0;
        for (Entry e : entries) {
            if (!seen.add(e.name())) {
                throw new IllegalArgumentException("tensor '" + e.name() + "' is listed twice");
            }
            long bytes = Math.multiplyExact(e.shape().elementCount(), e.dtype().byteSize());
            ObjectNode t = root.putObject(e.name());
            t.put("dtype", e.dtype().safetensorsName());
            ArrayNode shape = t.putArray("shape");
            for (int d : e.shape().dims()) {
                shape.add(d);
            }
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static HostTensor fetch(Entry e) {
        HostTensor t = e.source().get();
        if (t == null) {
            throw new IllegalArgumentException("tensor '" + e.name() + "': its source returned null");
        }
        DType needed = e.dtype().isFloatingPoint() ? DType.F32 : DType.I64;
        if (t.dtype() != needed || !t.shape().equals(e.shape())) {
            throw new IllegalArgumentException("tensor '" + e.name() + "' is declared as " + e.shape() + " stored as "
                    + e.dtype() + ", which needs a " + needed + " source of that shape, but its source returned " + t);
        }
        return t;
    }

    private static void writeTensor(FileChannel ch, ByteBuffer chunk, Entry e, HostTensor t) throws IOException {
        MemorySegment src = t.segment();
        MemorySegment dst = MemorySegment.ofBuffer(chunk.clear());
        int size = e.dtype().byteSize();
        int perChunk = CHUNK_BYTES / size;
        long n = e.shape().elementCount();
        for (long at = 0; at < n; at += perChunk) {
            int k = (int) Math.min(perChunk, n - at);
            switch (e.dtype()) {
                case F32 -> MemorySegment.copy(src, NATIVE_FLOAT, at * 4, dst, LE_FLOAT, 0, k);
                case I64 -> MemorySegment.copy(src, NATIVE_LONG, at * 8, dst, LE_LONG, 0, k);
                case F16 -> {
                    for (int i = 0; i < k; i++) {
                        dst.setAtIndex(LE_SHORT, i, HalfFloats.floatToF16(src.getAtIndex(NATIVE_FLOAT, at + i)));
                    }
                }
                case BF16 -> {
                    for (int i = 0; i < k; i++) {
                        dst.setAtIndex(LE_SHORT, i, HalfFloats.floatToBf16(src.getAtIndex(NATIVE_FLOAT, at + i)));
                    }
                }
                case I32 -> {
                    for (int i = 0; i < k; i++) {
                        dst.setAtIndex(LE_INT, i, (int) narrow(e, src, at + i, Integer.MIN_VALUE, Integer.MAX_VALUE));
                    }
                }
                case U8 -> {
                    for (int i = 0; i < k; i++) {
                        dst.set(ValueLayout.JAVA_BYTE, i, (byte) narrow(e, src, at + i, 0, 255));
                    }
                }
            }
            writeFully(ch, chunk.clear().limit(k * size));
        }
    }

    private static long narrow(Entry e, MemorySegment src, long index, long min, long max) {
        long v = src.getAtIndex(NATIVE_LONG, index);
        if (v < min || v > max) {
            throw new IllegalArgumentException("tensor '" + e.name() + "': value " + v + " at index " + index
                    + " does not fit " + e.dtype());
        }
        return v;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
