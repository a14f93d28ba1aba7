package dev.wuerstchen.api.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class CheckpointLifecycleTest {

    @TempDir
    Path dir;

    private Path small() {
        Path f = dir.resolve("m.safetensors");
        SafetensorsWriter.write(f, new LinkedHashMap<>(Map.of("x", HostTensor.of(Shape.of(2), new float[] {3, 4}))),
                Map.of());
        return f;
    }

    @Test
    void closeIsIdempotentAndEveryUseAfterCloseNamesTheFile() {
        Path f = small();
        SafetensorsFile ck = SafetensorsFile.open(f);
        HostTensor kept = ck.read("x");
        MemorySegment raw = ck.rawBytes("x");
        assertTrue(raw.isReadOnly());
        assertEquals(3f, raw.get(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0));
        ck.close();
        ck.close();
        for (Executable use : new Executable[] {() -> ck.read("x"), () -> ck.info("x"), ck::names, ck::metadata,
            () -> ck.rawBytes("x")}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, use);
            assertTrue(e.getMessage().startsWith(f + ": checkpoint is closed"), e.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> raw.get(ValueLayout.JAVA_BYTE, 0), "unmapped");
        assertEquals(f, ck.source());
        assertArrayEquals(new float[] {3, 4}, kept.toFloatArray(), "heap copies outlive the mapping");
    }

    @Test
    void checkpointsOpenDispatchesOnWhatThePathIs() throws IOException {
        Path f = small();
        try (Checkpoint ck = Checkpoints.open(f)) {
            assertInstanceOf(SafetensorsFile.class, ck);
        }
        Path bin = Files.writeString(dir.resolve("weights.bin"), "x");
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.open(bin));
        assertEquals(bin + ": is neither a .safetensors file, a .safetensors.index.json shard index nor a folder. "
                + "Pass one of these (PyTorch .bin, .pt and .ckpt weights are not read)", e.getMessage());
        Path missing = dir.resolve("nothing.here");
        e = assertThrows(CheckpointException.class, () -> Checkpoints.open(missing));
        assertTrue(e.getMessage().startsWith(missing + ": does not exist."), e.getMessage());
        Path onlyBin = Files.createDirectory(dir.resolve("text_encoder"));
        Files.writeString(onlyBin.resolve("pytorch_model.bin"), "x");
        e = assertThrows(CheckpointException.class, () -> Checkpoints.open(onlyBin));
        assertTrue(e.getMessage().contains("holds only PyTorch .bin weights"), e.getMessage());
    }

    /**
     * A sparse 3 GiB file with a tensor at its very end: offsets past 2^31 work and nothing but the
     * header and the tensor's bytes is read (the file's holes are never touched).
     */
    @Test
    void readsATensorBeyondTwoGibibytesFromASparseFile() throws IOException {
        long dataSize = 3L << 30;
        String header = "{\"head\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"far\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[" + (dataSize - 16) + "," + dataSize
                + "]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        Path f = dir.resolve("sparse.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(8 + h.length + dataSize);
            raf.write(ReferenceSafetensors.build(h, new byte[0]));
            ByteBuffer tail = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            tail.putFloat(1.5f).putFloat(-2f).putFloat(1e-3f).putFloat(7f);
            raf.seek(8 + h.length + dataSize - 16);
            raf.write(tail.array());
        }
        try (SafetensorsFile ck = SafetensorsFile.open(f)) {
            TensorInfo far = ck.info("far");
            assertEquals(8 + h.length + dataSize - 16, far.fileOffset());
            assertTrue(far.fileOffset() > Integer.MAX_VALUE);
            assertArrayEquals(new float[] {1.5f, -2f, 1e-3f, 7f}, ck.read("far").toFloatArray());
            assertEquals(0f, ck.read("head").getFloat(0));
        }
    }
}
