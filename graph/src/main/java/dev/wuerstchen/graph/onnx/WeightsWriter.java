package dev.wuerstchen.graph.onnx;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.HalfFloats;
import dev.wuerstchen.api.checkpoint.SafetensorsFile;
import dev.wuerstchen.api.checkpoint.ShardedCheckpoint;
import dev.wuerstchen.api.checkpoint.TensorInfo;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.io.AtomicFiles;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Streams a network's weights from a checkpoint into one float32 little-endian file laid out by a
 * {@link WeightsIndex}, one tensor at a time: float32 tensors of a memory-mapped safetensors file are
 * copied straight from the mapping, F16/BF16 ones converted in small chunks, so the heap never holds
 * more than one chunk (other checkpoint kinds hold one tensor at a time). The file is written
 * atomically.
 */
final class WeightsWriter {

    /** Bytes copied or converted per write call. */
    private static final int CHUNK = 8 << 20;

    private static final ValueLayout.OfShort LE_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private WeightsWriter() {
    }

    static void write(Path file, WeightsIndex index, Checkpoint ckpt, String network, ExportListener progress) {
        long total = index.totalBytes();
        progress.message(String.format(Locale.ROOT, "%s: writing %d weights (%.1f MiB) to %s", network,
                index.tensors().size(), total / 1048576.0, file));
        long started = System.nanoTime();
        AtomicFiles.write(file, ch -> {
            ByteBuffer zeros = ByteBuffer.allocateDirect(WeightsIndex.ALIGNMENT);
            ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            long at = 0;
            long reported = 0;
            for (WeightsIndex.Entry e : index.tensors()) {
                while (at < e.offset()) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), e.offset() - at));
                    at += writeFully(ch, zeros);
                }
                copy(ckpt, e, ch, chunk);
                at += e.length();
                if (at - reported >= (16L << 20)) {
                    reported = at;
                    progress.weights(network, at, total);
                }
            }
        });
        progress.weights(network, total, total);
        progress.message(String.format(Locale.ROOT, "%s: weights written in %.1f s", network,
                (System.nanoTime() - started) / 1e9));
    }

    /** Writes exactly {@code e.length()} bytes of float32 for one tensor. */
    private static void copy(Checkpoint ckpt, WeightsIndex.Entry e, FileChannel ch, ByteBuffer chunk) throws IOException {
        TensorInfo info = ckpt.info(e.name());
        if (!info.shape().equals(e.shape())) {
            throw new CheckpointException(ckpt.source(), "tensor '" + e.name() + "' is " + info.shape()
                    + " but the network needs " + e.shape() + ". Check that the checkpoint belongs to this config");
        }
        MemorySegment raw = mapped(ckpt, e.name());
        if (raw != null && info.dtype() == DType.F32) {
            for (long off = 0; off < raw.byteSize(); off += CHUNK) {
                // safetensors stores little-endian float32, as ONNX external data does: a plain copy.
                writeFully(ch, raw.asSlice(off, Math.min(CHUNK, raw.byteSize() - off)).asByteBuffer());
            }
        } else if (raw != null && (info.dtype() == DType.F16 || info.dtype() == DType.BF16)) {
            long n = raw.byteSize() / 2;
            for (long i = 0; i < n; ) {
                chunk.clear();
                for (; i < n && chunk.remaining() >= Float.BYTES; i++) {
                    short bits = raw.getAtIndex(LE_SHORT, i);
                    chunk.putFloat(info.dtype() == DType.F16 ? HalfFloats.f16ToFloat(bits) : HalfFloats.bf16ToFloat(bits));
                }
                writeFully(ch, chunk.flip());
            }
        } else {
            // Other checkpoint kinds or stored types: one tensor on the heap, converted by the checkpoint.
            HostTensor t = ckpt.read(e.name());
            float[] v = t.toFloatArray();
            for (int i = 0; i < v.length; ) {
                chunk.clear();
                for (; i < v.length && chunk.remaining() >= Float.BYTES; i++) {
                    chunk.putFloat(v[i]);
                }
                writeFully(ch, chunk.flip());
            }
        }
    }

    /** The stored bytes of a tensor when the checkpoint is memory-mapped, else null. */
    private static MemorySegment mapped(Checkpoint ckpt, String name) {
        return switch (ckpt) {
            case SafetensorsFile f -> f.rawBytes(name);
            case ShardedCheckpoint s -> s.rawBytes(name);
            default -> null;
        };
    }

    private static int writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        int n = b.remaining();
        while (b.hasRemaining()) {
            ch.write(b);
        }
        return n;
    }
}
