package dev.wuerstchen.api.checkpoint;

import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One safetensors file, memory-mapped and read lazily. The header is parsed and fully validated by
 * {@link #open(Path)}; {@link #read(String)} then touches only the bytes of the requested tensor.
 *
 * <p>The mapping lives in a shared arena owned by this object: {@link #close()} unmaps the file,
 * after which segments returned by {@link #rawBytes(String)} are invalid. Tensors returned by
 * {@link #read(String)} are heap copies and stay valid. Safe for concurrent reads.
 */
public final class SafetensorsFile implements Checkpoint {

    /** The reference implementation refuses headers above 100 MB; anything bigger is not a header. */
    private static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort LE_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat LE_FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final Arena arena;
    private final MemorySegment mapped;
    private final SafetensorsHeader header;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SafetensorsFile(Path file, Arena arena, MemorySegment mapped, SafetensorsHeader header) {
        this.file = file;
        this.arena = arena;
        this.mapped = mapped;
        this.header = header;
    }

    /**
     * Maps and validates a safetensors file. The caller owns the result and must close it.
     *
     * @throws CheckpointException if the file is missing, unreadable, truncated or malformed
     */
    public static SafetensorsFile open(Path file) {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment mapped;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = ch.size();
                if (size < 8) {
                    throw new CheckpointException(file, "file is " + size + " bytes long, too short for the 8-byte "
                            + "header length of a safetensors file. The file is truncated or not a safetensors file; "
                            + "download it again");
                }
                mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            }
            long size = mapped.byteSize();
            long n = mapped.get(LE_LONG, 0); // unsigned in the format: negative here means ≥ 2^63
            if (n < 0 || n > size - 8) {
                throw new CheckpointException(file, "header length is " + Long.toUnsignedString(n)
                        + " bytes but the file is only " + size + " bytes long. The file is truncated or not a "
                        + "safetensors file; download it again");
            }
            if (n > MAX_HEADER_BYTES) {
                throw new CheckpointException(file, "header length is " + n + " bytes, more than the format's limit of "
                        + MAX_HEADER_BYTES + ". The file is corrupt or not a safetensors file; download it again");
            }
            byte[] json = mapped.asSlice(8, n).toArray(ValueLayout.JAVA_BYTE);
            SafetensorsHeader header = SafetensorsHeader.parse(file, json, 8 + n, size - 8 - n);
            return new SafetensorsFile(file, arena, mapped, header);
        } catch (NoSuchFileException e) {
            arena.close();
            throw new CheckpointException(file, "file does not exist. Check the path, or download the checkpoint", e);
        } catch (IOException e) {
            arena.close();
            throw new CheckpointException(file, "cannot be read (" + e + "). Check that it is a readable file", e);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    @Override
    public Path source() {
        return file;
    }

    /** The {@code __metadata__} strings of the header (empty if it has none). */
    public Map<String, String> metadata() {
        ensureOpen();
        return header.metadata();
    }

    @Override
    public Set<String> names() {
        ensureOpen();
        return header.tensors().keySet();
    }

    @Override
    public TensorInfo info(String name) {
        ensureOpen();
        TensorInfo t = header.tensors().get(name);
        if (t == null) {
            throw new CheckpointException(file, "holds no tensor named '" + name + "' (it holds "
                    + header.tensors().size() + " tensors). Check the key name against the model's config and "
                    + "that this is the right file");
        }
        return t;
    }

    /**
     * The stored bytes of one tensor (little-endian, in its stored dtype), as a read-only slice of
     * the mapping: nothing is copied. Valid until this file is closed.
     */
    public MemorySegment rawBytes(String name) {
        TensorInfo t = info(name);
        return mapped.asSlice(t.fileOffset(), t.byteLength()).asReadOnly();
    }

    @Override
    public HostTensor read(String name) {
        TensorInfo t = info(name);
        MemorySegment b = mapped.asSlice(t.fileOffset(), t.byteLength());
        Shape shape = t.shape();
        long count = shape.elementCount();
        if (count > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(file, "tensor '" + name + "' has " + count + " elements, more than one "
                    + "Java array holds. Stream it through rawBytes(name) instead");
        }
        int n = (int) count;
        return switch (t.dtype()) {
            case F32 -> {
                float[] v = new float[n];
                MemorySegment.copy(b, LE_FLOAT, 0, v, 0, n);
                yield HostTensor.of(shape, v);
            }
            case F16 -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = HalfFloats.f16ToFloat(b.getAtIndex(LE_SHORT, i));
                }
                yield HostTensor.of(shape, v);
            }
            case BF16 -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = HalfFloats.bf16ToFloat(b.getAtIndex(LE_SHORT, i));
                }
                yield HostTensor.of(shape, v);
            }
            case I64 -> {
                long[] v = new long[n];
                MemorySegment.copy(b, LE_LONG, 0, v, 0, n);
                yield HostTensor.of(shape, v);
            }
            case I32 -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = b.getAtIndex(LE_INT, i);
                }
                yield HostTensor.of(shape, v);
            }
            case U8 -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Byte.toUnsignedLong(b.get(ValueLayout.JAVA_BYTE, i));
                }
                yield HostTensor.of(shape, v);
            }
        };
    }

    /** Unmaps the file. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            arena.close();
        }
    }

    SortedMap<String, TensorInfo> tensors() {
        ensureOpen();
        return header.tensors();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(file + ": checkpoint is closed. Open it again to read from it");
        }
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + file + (closed.get() ? ", closed]" : "]");
    }
}
