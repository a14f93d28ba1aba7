package dev.wuerstchen.api.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hand-made well-formed and malformed files: every problem is caught at open() with a message naming file and cause. */
class SafetensorsValidationTest {

    @TempDir
    Path dir;

    private static final String X8 = "\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    private Path file(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("model.safetensors"), bytes);
    }

    private Path file(String header, int dataBytes) throws IOException {
        return file(ReferenceSafetensors.build(header, new byte[dataBytes]));
    }

    /** Opens, expects a CheckpointException for this file, and returns its message without the file prefix. */
    private static String problem(Path file) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsFile.open(file).close());
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        return e.getMessage().substring(file.toString().length() + 2);
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "'" + message + "' lacks '" + part + "'");
        }
    }

    @Test
    void fileShorterThanEightBytes() throws IOException {
        assertContains(problem(file(new byte[5])), "file is 5 bytes long, too short",
                "The file is truncated or not a safetensors file; download it again");
    }

    @Test
    void missingFile() {
        assertContains(problem(dir.resolve("model.safetensors")), "file does not exist");
    }

    @Test
    void headerLengthLargerThanFile() throws IOException {
        byte[] b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array();
        assertContains(problem(file(b)), "header length is 1000 bytes but the file is only 20 bytes long",
                "truncated");
        // the length is unsigned: 2^64-1 must not turn into -1
        byte[] huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).array();
        assertContains(problem(file(huge)), "header length is 18446744073709551615 bytes but the file is only 16");
    }

    @Test
    void headerNotUtf8() throws IOException {
        byte[] header = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        assertContains(problem(file(ReferenceSafetensors.build(header, new byte[0]))), "header is not valid UTF-8");
    }

    @Test
    void headerNotJson() throws IOException {
        assertContains(problem(file("{\"x\": {\"dtype\": ", 0)), "header is not valid JSON in the entry 'x' (");
        assertContains(problem(file("{" + X8 + ", ", 8)), "header is not valid JSON (");
        assertContains(problem(file("{" + X8 + "} {}", 8)), "header has content after its JSON object");
    }

    @Test
    void headerNotAnObject() throws IOException {
        assertContains(problem(file("[1, 2]", 0)), "header is a JSON array, not a JSON object");
        assertContains(problem(file("", 0)), "header is empty, not a JSON object");
    }

    @Test
    void entryNotAnObject() throws IOException {
        assertContains(problem(file("{\"x\": 5}", 0)), "tensor 'x': its header entry is a JSON number (5), not an object "
                + "with dtype, shape and data_offsets");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dtype", "shape", "data_offsets"})
    void entryMissingAField(String field) throws IOException {
        String entry = switch (field) {
            case "dtype" -> "{\"shape\":[2],\"data_offsets\":[0,8]}";
            case "shape" -> "{\"dtype\":\"F32\",\"data_offsets\":[0,8]}";
            default -> "{\"dtype\":\"F32\",\"shape\":[2]}";
        };
        assertContains(problem(file("{\"x\":" + entry + "}", 8)), "tensor 'x' has no '" + field + "' in the header");
    }

    @Test
    void unknownDtype() throws IOException {
        assertContains(problem(file("{\"x\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8)),
                "tensor 'x' has dtype \"F64\", which this engine does not read",
                "(supported: F32, F16, BF16, I64, I32, U8)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[2,-1]", "[2.5]", "[\"2\"]", "7", "[99999999999]"})
    void badShape(String shape) throws IOException {
        String msg = problem(file("{\"x\":{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[0,8]}}", 8));
        assertContains(msg, "tensor 'x' has shape " + shape);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[0]", "[0,8,16]", "[-8,0]", "[8,0]", "[0,8.5]", "{}"})
    void badDataOffsets(String offsets) throws IOException {
        String msg = problem(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":" + offsets + "}}", 8));
        assertContains(msg, "tensor 'x' has data_offsets " + offsets,
                "they must be two non-negative integers [begin, end] with begin <= end");
    }

    @Test
    void offsetsOutsideTheDataArea() throws IOException {
        String msg = problem(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8));
        assertEquals("tensor 'x' ends at byte 16 but the data area is 8 bytes. The file is truncated; "
                + "download it again", msg);
    }

    @Test
    void byteCountDisagreesWithDtypeAndShape() throws IOException {
        String msg = problem(file("{\"x\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[0,8]}}", 8));
        assertContains(msg, "tensor 'x' is F16 with shape (2,3), which needs 12 bytes, but its data_offsets [0, 8] "
                + "span 8 bytes (dtype, shape and byte count disagree)");
    }

    @Test
    void overlappingTensorsNameBoth() throws IOException {
        String header = "{\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertContains(problem(file(header, 12)), "tensors 'a' (bytes 0-8) and 'b' (bytes 4-12) overlap");
        // one tensor inside a longer one that starts first
        String inside = "{\"big\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                + "\"mid\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[8,9]},"
                + "\"small\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]}}";
        assertContains(problem(file(inside, 16)), "tensors 'big' (bytes 0-16) and 'small' (bytes 1-2) overlap");
    }

    @Test
    void duplicateNames() throws IOException {
        assertContains(problem(file("{" + X8 + "," + X8.replace("[0,8]", "[8,16]") + "}", 16)),
                "header lists tensor 'x' twice");
        // a duplicated key inside an entry is invalid JSON for our purposes too
        assertContains(problem(file("{\"x\":{\"dtype\":\"F32\",\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                8)), "header is not valid JSON in the entry 'x' (Duplicate field 'dtype')");
    }

    @Test
    void metadataMustBeAnObjectOfStrings() throws IOException {
        assertContains(problem(file("{\"__metadata__\":[1]," + X8 + "}", 8)),
                "'__metadata__' is a JSON array ([1]), but it must be an object of strings");
        assertContains(problem(file("{\"__metadata__\":{\"format\":\"pt\",\"n\":3}," + X8 + "}", 8)),
                "'__metadata__' must be an object of strings, but its key 'n' holds a JSON number (3)");
    }

    @Test
    void acceptsPaddingAnyOrderGapsScalarsEmptyTensorsAndEveryDtype() throws IOException {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"u8\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[40,43]},"
                + "\"scalar\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"empty\":{\"dtype\":\"F32\",\"shape\":[0,5],\"data_offsets\":[8,8]},"
                + "\"f16\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[12,16]},"   // gap 8..12
                + "\"bf16\":{\"dtype\":\"BF16\",\"shape\":[1,2],\"data_offsets\":[16,20]},"
                + "\"i32\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[20,28]},"
                + "\"f32\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[28,40]}}      ";
        ByteBuffer d = ByteBuffer.allocate(43).order(ByteOrder.LITTLE_ENDIAN);
        d.putLong(0, -42L);
        d.putShort(12, (short) 0x3C00).putShort(14, (short) 0xC000);   // 1.0, -2.0 in binary16
        d.putShort(16, (short) 0x3F80).putShort(18, (short) 0x4049);   // 1.0, 3.140625 in bfloat16
        d.putInt(20, Integer.MIN_VALUE).putInt(24, 7);
        d.putFloat(28, 0.5f).putFloat(32, -1e30f).putFloat(36, Float.MIN_VALUE);
        d.put(40, (byte) 0).put(41, (byte) 128).put(42, (byte) 255);
        Path f = file(ReferenceSafetensors.build(header, d.array()));
        try (SafetensorsFile ck = SafetensorsFile.open(f)) {
            assertEquals(Set.of("u8", "scalar", "empty", "f16", "bf16", "i32", "f32"), ck.names());
            assertEquals(Map.of("format", "pt"), ck.metadata());
            HostTensor scalar = ck.read("scalar");
            assertEquals(Shape.of(), scalar.shape());
            assertArrayEquals(new long[] {-42}, scalar.toLongArray());
            HostTensor empty = ck.read("empty");
            assertEquals(Shape.of(0, 5), empty.shape());
            assertEquals(0, empty.toFloatArray().length);
            assertArrayEquals(new float[] {1f, -2f}, ck.read("f16").toFloatArray());
            HostTensor bf = ck.read("bf16");
            assertEquals(DType.F32, bf.dtype());
            assertArrayEquals(new float[] {1f, 3.140625f}, bf.toFloatArray());
            assertArrayEquals(new long[] {Integer.MIN_VALUE, 7}, ck.read("i32").toLongArray());
            assertArrayEquals(new float[] {0.5f, -1e30f, Float.MIN_VALUE}, ck.read("f32").toFloatArray());
            assertArrayEquals(new long[] {0, 128, 255}, ck.read("u8").toLongArray());
            assertEquals(DType.BF16, ck.info("bf16").dtype());
            assertEquals(8 + header.length() + 16, ck.info("bf16").fileOffset());
            assertEquals(4, ck.rawBytes("bf16").byteSize());
            CheckpointException e = assertThrows(CheckpointException.class, () -> ck.read("nope"));
            assertContains(e.getMessage(), f + ": holds no tensor named 'nope' (it holds 7 tensors)");
        }
    }
}
