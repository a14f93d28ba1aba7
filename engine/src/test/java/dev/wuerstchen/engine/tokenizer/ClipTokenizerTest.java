package dev.wuerstchen.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wuerstchen.api.tensor.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Framing, padding, truncation, normalisation and settings of {@link ClipTokenizer} (spec 8.1). */
class ClipTokenizerTest {

    private static JsonNode vocab;

    @TempDir
    Path tmp;

    @BeforeAll
    static void readVocabulary() throws IOException {
        vocab = TinyGolden.MAPPER.readTree(TinyGolden.twoFileTokenizerFolder().resolve("vocab.json").toFile());
    }

    private static long id(String token) {
        return vocab.get(token).longValue();
    }

    private static long[] repeat(long value, int n) {
        long[] a = new long[n];
        Arrays.fill(a, value);
        return a;
    }

    private static long[] concat(long[]... parts) {
        return Arrays.stream(parts).flatMapToLong(Arrays::stream).toArray();
    }

    @Test
    void emptyPromptIsStartEndAndPadding() {
        long bos = id("<|startoftext|>");
        long eos = id("<|endoftext|>");
        for (Path folder : List.of(TinyGolden.jsonTokenizerFolder(), TinyGolden.twoFileTokenizerFolder())) {
            try (ClipTokenizer t = ClipTokenizer.load(folder)) {
                Encoding e = t.encode("");
                assertArrayEquals(concat(new long[] {bos, eos}, repeat(eos, 75)), e.inputIds(), folder.toString());
                assertArrayEquals(concat(new long[] {1, 1}, repeat(0, 75)), e.attentionMask());
                assertFalse(e.truncated());
                assertEquals(2, e.tokenCount());
                assertEquals(77, t.maxLength());
                assertEquals(bos, t.bosId());
                assertEquals(eos, t.eosId());
                assertEquals(eos, t.padId());
            }
        }
    }

    @Test
    void longPromptIsTruncatedTo75ContentTokens() {
        long cat = id("cat</w>");
        try (ClipTokenizer t = ClipTokenizer.load(TinyGolden.twoFileTokenizerFolder())) {
            Encoding e = t.encode("cat ".repeat(100));
            assertArrayEquals(concat(new long[] {id("<|startoftext|>")}, repeat(cat, 75), new long[] {id("<|endoftext|>")}),
                    e.inputIds());
            assertArrayEquals(repeat(1, 77), e.attentionMask());
            assertTrue(e.truncated());
            assertEquals(102, e.tokenCount());
            assertEquals(id("<|endoftext|>"), e.inputIds()[76], "EOS is last");
        }
    }

    @Test
    void seventyFiveContentTokensFitExactly() {
        try (ClipTokenizer t = ClipTokenizer.load(TinyGolden.jsonTokenizerFolder())) {
            Encoding fits = t.encode("cat ".repeat(75));
            assertFalse(fits.truncated());
            assertEquals(77, fits.tokenCount());
            assertEquals(77, fits.length());
            assertEquals("", t.truncatedTail("cat ".repeat(75)));

            Encoding over = t.encode("cat ".repeat(76));
            assertTrue(over.truncated());
            assertEquals(78, over.tokenCount());
            assertArrayEquals(fits.inputIds(), over.inputIds());
        }
    }

    @Test
    void truncatedTailIsTheDroppedTextAsTyped() {
        List<String> cats = Collections.nCopies(80, "Cat");
        try (ClipTokenizer t = ClipTokenizer.load(TinyGolden.jsonTokenizerFolder())) {
            assertEquals("Cat Cat Cat Cat Cat dog!", t.truncatedTail(String.join(" ", cats) + " dog!"));
            // An emoji is four unknown byte tokens and two UTF-16 units: 4 + 71 cats fit, 9 cats are cut.
            String prompt = "😀 " + String.join(" ", cats);
            assertTrue(t.encode(prompt).truncated());
            assertEquals(String.join(" ", Collections.nCopies(9, "Cat")), t.truncatedTail(prompt));
            assertEquals("", t.truncatedTail("a short prompt"));
        }
    }

    @Test
    void loneSurrogatesCountAsReplacementCharacters() {
        Path src = TinyGolden.twoFileTokenizerFolder();
        ReferenceClipBpe reference = new ReferenceClipBpe(src.resolve("vocab.json"), src.resolve("merges.txt"));
        try (ClipTokenizer t = ClipTokenizer.load(src)) {
            // NUL and a proper surrogate pair next to the lone one must survive unchanged.
            String prompt = "\uD800cat\u0000dog \uD83D\uDE00 red\uDC00";
            String replaced = "\uFFFDcat\u0000dog \uD83D\uDE00 red\uFFFD";
            assertArrayEquals(reference.encode(replaced, 77, t.padId()), t.encode(prompt).inputIds());
            // U+FFFD is three unknown byte tokens, so 3 + 72 cats fit and 8 are cut.
            List<String> cats = Collections.nCopies(80, "cat");
            assertEquals(String.join(" ", Collections.nCopies(8, "cat")),
                    t.truncatedTail("\uDC00 " + String.join(" ", cats)));
        }
    }

    @Test
    void whitespaceIsCollapsedAndTextLowercased() {
        try (ClipTokenizer t = ClipTokenizer.load(TinyGolden.twoFileTokenizerFolder())) {
            long[] expected = concat(new long[] {id("<|startoftext|>"), id("the</w>"), id("red</w>"), id("cat</w>"),
                    id("<|endoftext|>")}, repeat(id("<|endoftext|>"), 72));
            assertArrayEquals(expected, t.encode("the red cat").inputIds());
            assertArrayEquals(expected, t.encode("  THE\t\tRed \n\r\n cAt   ").inputIds());
            assertArrayEquals(expected, t.encode("The\u00a0RED\u3000Cat").inputIds());
        }
    }

    @Test
    void batchIsInt64WithOneRowPerPrompt() {
        try (ClipTokenizer t = ClipTokenizer.load(TinyGolden.jsonTokenizerFolder())) {
            List<String> prompts = List.of("a red house", "", "dog ".repeat(90));
            TokenBatch batch = t.encodeBatch(prompts);
            assertEquals(DType.I64, batch.inputIds().dtype());
            assertArrayEquals(new int[] {3, 77}, batch.inputIds().shape().dims());
            assertArrayEquals(new int[] {3, 77}, batch.attentionMask().shape().dims());
            for (int i = 0; i < prompts.size(); i++) {
                Encoding row = t.encode(prompts.get(i));
                assertEquals(row, batch.rows().get(i));
                assertArrayEquals(row.inputIds(), batch.inputIds().sliceBatch(i, i + 1).toLongArray());
            }
            assertTrue(batch.anyTruncated());
        }
    }

    @Test
    void padTokenAndLengthComeFromTokenizerConfig() throws IOException {
        Path folder = copyOf(TinyGolden.jsonTokenizerFolder(), "tokenizer.json");
        Files.writeString(folder.resolve("tokenizer_config.json"),
                "{\"model_max_length\": 16, \"pad_token\": {\"content\": \"!\", \"lstrip\": false}}");
        try (ClipTokenizer t = ClipTokenizer.load(folder)) {
            assertEquals(16, t.maxLength());
            assertEquals(id("!"), t.padId());
            Encoding e = t.encode("cat");
            assertArrayEquals(concat(new long[] {id("<|startoftext|>"), id("cat</w>"), id("<|endoftext|>")},
                    repeat(id("!"), 13)), e.inputIds());
            assertArrayEquals(concat(repeat(1, 3), repeat(0, 13)), e.attentionMask());
            Encoding cut = t.encode("cat ".repeat(20));
            assertTrue(cut.truncated());
            assertEquals(id("<|endoftext|>"), cut.inputIds()[15]);
            assertEquals(14, Arrays.stream(cut.inputIds()).filter(v -> v == id("cat</w>")).count());
        }
        // special_tokens_map.json overrides tokenizer_config.json, as in transformers.
        Files.writeString(folder.resolve("special_tokens_map.json"), "{\"pad_token\": \"?\"}");
        try (ClipTokenizer t = ClipTokenizer.load(folder)) {
            assertEquals(id("?"), t.padId());
            assertEquals(id("?"), t.encode("").inputIds()[2]);
        }
    }

    @Test
    void twoFileFolderUsesConfigWhenPresent() throws IOException {
        Path folder = copyOf(TinyGolden.twoFileTokenizerFolder(), "vocab.json", "merges.txt");
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"model_max_length\": 77, \"pad_token\": \"!\"}");
        try (ClipTokenizer t = ClipTokenizer.load(folder)) {
            assertEquals(id("!"), t.padId());
            assertEquals(id("!"), t.encode("x").inputIds()[76]);
        }
    }

    @Test
    void closeIsIdempotentAndLaterUseFails() {
        ClipTokenizer t = ClipTokenizer.load(TinyGolden.jsonTokenizerFolder());
        t.close();
        t.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.encode("cat"));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> t.truncatedTail("cat"));
    }

    @Test
    void encodingIsAValue() {
        try (ClipTokenizer t = ClipTokenizer.load(TinyGolden.jsonTokenizerFolder())) {
            Encoding a = t.encode("a red cat");
            assertEquals(a, t.encode("A  RED cat"));
            assertEquals(a.hashCode(), t.encode("A  RED cat").hashCode());
            long[] ids = a.inputIds();
            ids[1] = -1;
            assertEquals(id("a</w>"), a.inputIds()[1], "accessors hand out copies");
        }
    }

    @Test
    void telemetryIsSwitchedOffUnlessTheUserDecided() {
        String offline = System.getProperty("ai.djl.offline");
        String optOut = System.getProperty("OPT_OUT_TRACKING");
        try {
            System.clearProperty("ai.djl.offline");
            System.clearProperty("OPT_OUT_TRACKING");
            DjlTokenizers.disableTelemetry();
            assertEquals("true", System.getProperty("ai.djl.offline"));
            assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));

            System.setProperty("ai.djl.offline", "false");
            DjlTokenizers.disableTelemetry();
            assertEquals("false", System.getProperty("ai.djl.offline"), "an explicit choice is kept");
        } finally {
            restore("ai.djl.offline", offline);
            restore("OPT_OUT_TRACKING", optOut);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private Path copyOf(Path from, String... names) throws IOException {
        Path to = Files.createDirectories(tmp.resolve("copy" + new ArrayList<>(List.of(names)).hashCode()));
        for (String n : names) {
            Files.copy(from.resolve(n), to.resolve(n));
        }
        return to;
    }
}
