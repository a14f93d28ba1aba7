package dev.wuerstchen.api.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.error.OutputFileException;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writer output checked with the independent reader and with the class under test. */
class SafetensorsWriterTest {

    @TempDir
    Path dir;

    private static final float[] SPECIAL = {0f, -0f, 1f, -2.5f, Float.MIN_VALUE, -Float.MIN_NORMAL, Float.MAX_VALUE,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e-6f, 65504f, 65520f, 1f + 0x1p-11f,
        1f + 0x1p-8f, 1f + 3 * 0x1p-8f, 3.14159265f};

    private static float[] values(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i < SPECIAL.length ? SPECIAL[i] : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(12) - 6));
        }
        return v;
    }

    private static int[] rawBits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToRawIntBits(v[i]);
        }
        return out;
    }

    /** Oracle for bfloat16 narrowing: the nearer of the two candidates around the value, ties to the even one. */
    private static short nearestBf16(float f) {
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            return (short) (Float.isNaN(f) ? 0x7FC0 : Float.floatToRawIntBits(f) >>> 16);
        }
        int down = Float.floatToRawIntBits(f) >>> 16;
        int up = down + 1;
        double dDown = Math.abs(f - (double) Float.intBitsToFloat(down << 16));
        double upValue = (up & 0x7FFF) == 0x7F80 ? Math.copySign(Math.pow(2, 128), f) // beyond the largest finite
                : Float.intBitsToFloat(up << 16);
        double dUp = Math.abs(f - upValue);
        return (short) (dDown < dUp || (dDown == dUp && (down & 1) == 0) ? down : up);
    }

    private Map<String, String> meta() {
        return Map.of("format", "pt", "producer", "test", "z", "last");
    }

    private LinkedHashMap<String, HostTensor> sample() {
        LinkedHashMap<String, HostTensor> m = new LinkedHashMap<>();
        m.put("w", HostTensor.of(Shape.of(3, 11), values(33, 1)));
        m.put("ids", HostTensor.of(Shape.of(5), new long[] {Long.MIN_VALUE, -1, 0, 49407, Long.MAX_VALUE}));
        m.put("scalar", HostTensor.of(Shape.of(), new float[] {-7.25f}));
        m.put("empty", HostTensor.of(Shape.of(0, 4), new float[0]));
        m.put("a.first.in.alphabet", HostTensor.of(Shape.of(2), new float[] {1f, 2f}));
        return m;
    }

    @Test
    void f32AndI64RoundTripBitExactWithTheDocumentedLayout() throws IOException {
        Path f = dir.resolve("out.safetensors");
        LinkedHashMap<String, HostTensor> in = sample();
        SafetensorsWriter.write(f, in, meta());

        ReferenceSafetensors ref = ReferenceSafetensors.read(f);
        assertEquals(0, ref.headerLength % 8, "data area starts 8-aligned");
        String headerText = new String(Files.readAllBytes(f), 8, (int) ref.headerLength, StandardCharsets.UTF_8);
        assertTrue(headerText.stripTrailing().endsWith("}") && headerText.startsWith("{"), headerText);
        List<String> keys = new ArrayList<>();
        ref.header.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("__metadata__", "w", "ids", "scalar", "empty", "a.first.in.alphabet"), keys);
        List<String> metaKeys = new ArrayList<>();
        ref.header.get("__metadata__").fieldNames().forEachRemaining(metaKeys::add);
        assertEquals(List.of("format", "producer", "z"), metaKeys, "metadata sorted");
        long expectedBegin = 0;
        for (var e : ref.tensors.entrySet()) {
            assertEquals(expectedBegin, e.getValue().begin(), "packed in order: " + e.getKey());
            expectedBegin = e.getValue().end();
        }
        assertEquals(Files.size(f), ref.dataStart() + expectedBegin);
        assertEquals("F32", ref.tensors.get("w").dtype());
        assertEquals("I64", ref.tensors.get("ids").dtype());
        assertArrayEquals(new long[] {3, 11}, ref.tensors.get("w").shape());
        assertArrayEquals(new long[0], ref.tensors.get("scalar").shape());
        assertArrayEquals(rawBits(in.get("w").toFloatArray()), rawBits(ref.floats("w")));
        assertArrayEquals(in.get("ids").toLongArray(), ref.longs("ids"));

        try (SafetensorsFile ck = SafetensorsFile.open(f)) {
            assertEquals(meta(), ck.metadata());
            for (var e : in.entrySet()) {
                HostTensor back = ck.read(e.getKey());
                assertEquals(e.getValue().shape(), back.shape());
                assertEquals(e.getValue().dtype(), back.dtype());
                if (back.dtype() == DType.F32) {
                    assertArrayEquals(rawBits(e.getValue().toFloatArray()), rawBits(back.toFloatArray()), e.getKey());
                } else {
                    assertArrayEquals(e.getValue().toLongArray(), back.toLongArray());
                }
            }
        }
        assertEquals(List.of(f), listDir(), "no temporary file left");
    }

    @Test
    void f16AndBf16StoreCorrectlyRoundedBits() {
        for (DType type : new DType[] {DType.F16, DType.BF16}) {
            Path f = dir.resolve(type + ".safetensors");
            LinkedHashMap<String, HostTensor> in = sample();
            SafetensorsWriter.write(f, in, Map.of(), type);
            ReferenceSafetensors ref = ReferenceSafetensors.read(f);
            assertEquals(type.safetensorsName(), ref.tensors.get("w").dtype());
            assertEquals("I64", ref.tensors.get("ids").dtype(), "integer tensors stay I64");
            assertFalse(ref.header.has("__metadata__"));
            float[] w = in.get("w").toFloatArray();
            short[] stored = ref.shorts("w");
            try (SafetensorsFile ck = SafetensorsFile.open(f)) {
                float[] back = ck.read("w").toFloatArray();
                for (int i = 0; i < w.length; i++) {
                    short expected = type == DType.F16 ? Float.floatToFloat16(w[i]) : nearestBf16(w[i]);
                    if (Float.isNaN(w[i])) {
                        assertTrue(Float.isNaN(back[i]));
                        continue;
                    }
                    assertEquals(expected, stored[i], type + " element " + i + " = " + w[i]);
                    float expectedBack = type == DType.F16 ? Float.float16ToFloat(expected)
                            : Float.intBitsToFloat((expected & 0xFFFF) << 16);
                    assertEquals(expectedBack, back[i], 0f);
                }
                assertArrayEquals(in.get("ids").toLongArray(), ck.read("ids").toLongArray());
            }
        }
    }

    @Test
    void narrowIntegerTypesAreRangeChecked() {
        Path f = dir.resolve("ints.safetensors");
        HostTensor small = HostTensor.of(Shape.of(3), new long[] {0, 200, 255});
        HostTensor wide = HostTensor.of(Shape.of(2), new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE});
        SafetensorsWriter.write(f, List.of(SafetensorsWriter.Entry.of("u", DType.U8, small),
                SafetensorsWriter.Entry.of("i", DType.I32, wide)), Map.of());
        ReferenceSafetensors ref = ReferenceSafetensors.read(f);
        assertArrayEquals(new int[] {0, 200, 255}, ref.unsignedBytes("u"));
        try (SafetensorsFile ck = SafetensorsFile.open(f)) {
            assertArrayEquals(small.toLongArray(), ck.read("u").toLongArray());
            assertArrayEquals(wide.toLongArray(), ck.read("i").toLongArray());
        }
        Path g = dir.resolve("bad.safetensors");
        var e = assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.write(g, List.of(
                SafetensorsWriter.Entry.of("u", DType.U8, HostTensor.of(Shape.of(2), new long[] {1, 256}))), Map.of()));
        assertTrue(e.getMessage().contains("tensor 'u': value 256 at index 1 does not fit U8"), e.getMessage());
        assertFalse(Files.exists(g));
    }

    @Test
    void sameInputGivesIdenticalBytes() throws IOException {
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        SafetensorsWriter.write(a, sample(), meta(), DType.BF16);
        Map<String, String> otherOrder = new LinkedHashMap<>();
        new TreeMap<>(meta()).descendingMap().forEach(otherOrder::put);
        SafetensorsWriter.write(b, sample(), otherOrder, DType.BF16);
        assertEquals(-1L, Files.mismatch(a, b));
    }

    @Test
    void streamsEntriesOneAtATimeInOrderAndSpansChunks() {
        List<String> calls = new ArrayList<>();
        float[] big = values(700_000, 2); // 2.8 MB: several 1 MiB chunks
        List<SafetensorsWriter.Entry> entries = List.of(
                new SafetensorsWriter.Entry("big", DType.F32, Shape.of(700, 1000), () -> {
                    calls.add("big");
                    return HostTensor.of(Shape.of(700, 1000), big);
                }),
                new SafetensorsWriter.Entry("big.bf16", DType.BF16, Shape.of(700_000), () -> {
                    calls.add("big.bf16");
                    return HostTensor.of(Shape.of(700_000), big);
                }));
        Path f = dir.resolve("big.safetensors");
        SafetensorsWriter.write(f, entries, Map.of());
        assertEquals(List.of("big", "big.bf16"), calls);
        ReferenceSafetensors ref = ReferenceSafetensors.read(f);
        assertArrayEquals(rawBits(big), rawBits(ref.floats("big")));
        short[] bf = ref.shorts("big.bf16");
        for (int i = 0; i < big.length; i += 997) {
            if (!Float.isNaN(big[i])) {
                assertEquals(nearestBf16(big[i]), bf[i], "element " + i);
            }
        }
        assertEquals(nearestBf16(big[big.length - 1]), bf[big.length - 1]);
    }

    @Test
    void failingSupplierLeavesNoFileAndKeepsAnOldOne() throws IOException {
        Path f = dir.resolve("model.safetensors");
        RuntimeException boom = new RuntimeException("boom");
        Iterator<Integer> counter = Stream.iterate(0, i -> i + 1).iterator();
        List<SafetensorsWriter.Entry> entries = List.of(
                SafetensorsWriter.Entry.of("ok", DType.F32, HostTensor.of(Shape.of(2), new float[] {1, 2})),
                new SafetensorsWriter.Entry("bad", DType.F32, Shape.of(2), () -> {
                    counter.next();
                    throw boom;
                }));
        assertSame(boom, assertThrows(RuntimeException.class, () -> SafetensorsWriter.write(f, entries, Map.of())));
        assertEquals(List.of(), listDir());

        Files.writeString(f, "old contents");
        assertSame(boom, assertThrows(RuntimeException.class, () -> SafetensorsWriter.write(f, entries, Map.of())));
        assertEquals(List.of(f), listDir());
        assertEquals("old contents", Files.readString(f));
        assertEquals(2, counter.next(), "the failing supplier ran once per write");

        var wrongShape = List.of(new SafetensorsWriter.Entry("x", DType.F32, Shape.of(3),
                () -> HostTensor.of(Shape.of(2), new float[2])));
        var e = assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.write(f, wrongShape, Map.of()));
        assertTrue(e.getMessage().contains("tensor 'x' is declared as (3)"), e.getMessage());
        assertEquals(List.of(f), listDir());
    }

    @Test
    void rejectsDuplicateAndReservedNamesAndMissingFolders() {
        HostTensor t = HostTensor.of(Shape.of(1), new float[] {1});
        var dup = List.of(SafetensorsWriter.Entry.of("x", DType.F32, t), SafetensorsWriter.Entry.of("x", DType.F16, t));
        Path f = dir.resolve("d.safetensors");
        var e = assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.write(f, dup, Map.of()));
        assertTrue(e.getMessage().contains("tensor 'x' is listed twice"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.Entry.of("__metadata__", DType.F32, t));
        assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.write(f, new LinkedHashMap<>(Map.of("x", t)), Map.of(), DType.I64));
        Path nested = dir.resolve("new/folder/m.safetensors");
        SafetensorsWriter.write(nested, new LinkedHashMap<>(Map.of("x", t)), Map.of());
        assertTrue(Files.isRegularFile(nested), "missing folders are created");
        Path underFile = f.resolveSibling("plain-file").resolve("m.safetensors");
        assertDoesNotThrow(() -> Files.writeString(f.resolveSibling("plain-file"), "not a folder"));
        OutputFileException oe = assertThrows(OutputFileException.class,
                () -> SafetensorsWriter.write(underFile, new LinkedHashMap<>(Map.of("x", t)), Map.of()));
        assertEquals(underFile, oe.file());
        assertTrue(oe.getMessage().contains("cannot be written"), oe.getMessage());
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
