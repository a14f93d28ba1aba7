package dev.wuerstchen.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the DJL-backed tokenizer (loaded both from tokenizer.json and from vocab.json + merges.txt)
 * with the independent pure-Java tokenizer of spec 8.1 on varied prompts, using the tiny vocabulary.
 * The tiny vocabulary has no entries for most bytes, so the unknown-token path is exercised too.
 */
class ReferenceBpeComparisonTest {

    @TempDir
    static Path syntheticFolder;

    private static ReferenceClipBpe reference;
    private static ClipTokenizer fromJson;
    private static ClipTokenizer fromPair;
    private static ReferenceClipBpe syntheticReference;
    private static ClipTokenizer synthetic;

    @BeforeAll
    static void load() {
        Path src = TinyGolden.twoFileTokenizerFolder();
        reference = new ReferenceClipBpe(src.resolve("vocab.json"), src.resolve("merges.txt"));
        fromJson = ClipTokenizer.load(TinyGolden.jsonTokenizerFolder());
        fromPair = ClipTokenizer.load(src);
        SyntheticVocabulary.write(syntheticFolder);
        syntheticReference = new ReferenceClipBpe(syntheticFolder.resolve("vocab.json"),
                syntheticFolder.resolve("merges.txt"));
        synthetic = ClipTokenizer.load(syntheticFolder);
    }

    @AfterAll
    static void close() {
        fromJson.close();
        fromPair.close();
        synthetic.close();
    }

    static Stream<String> prompts() {
        return Stream.of(
                "anthropomorphic cat dressed as a firefighter",
                "A Red HOUSE in the STYLE of a Photo",
                "the blue dog and the red cat",
                "   leading and trailing   spaces   ",
                "tabs\tand\nnew lines\r\nand\u000bvertical\u000cfeeds",
                "no\u00a0break\u3000ideographic\u2003em\u2028line\u0085next",
                "zero\u200bwidth\u200djoiner",
                "digits 123 and 4.5 and 1,000,000",
                "a1b2c3 x99y",
                "it's a dog's life, isn't it? they're, we've, i'm, you'll, he'd",
                "IT'S LOUD",
                "'s't're've'm'll'd",
                "?'s ''quoted'' \"double\" 'single'",
                "don’t use curly quotes",
                "punctuation!!! ??? ... --- ,,, !?!?",
                "@#$%^&*()_+=[]{}|\\;:<>/~`",
                "fire firefighter firefighters firefighting fir",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "style stylestyle styles",
                "café crème brûlée",
                "cafe\u0301 decomposed e\u0301\u0302 marks",
                "ÆØÅ æøå Straße STRASSE",
                "İstanbul ΣΊΣΥΦΟΣ",
                "日本語のテキスト 中文 한국어",
                "emoji 😀🔥 fire 👩‍🚒 firefighter",
                "x² y³ ½ ⅷ Ⅻ",
                "١٢٣ arabic and ४५ devanagari digits",
                "Ω≈ç√∫˜µ≤≥÷ math",
                "a <|endoftext|> b",
                "<|startoftext|>cat<|endoftext|>dog",
                "cat<|ENDOFTEXT|>",
                "x-ray, t-shirt, e-mail",
                "photo, photography; photos.",
                "",
                " ",
                "\t\n ",
                "!",
                "a".repeat(300),
                "the cat ".repeat(50),
                "red-blue " + "dog, ".repeat(40) + "1 2 3 4 5 6 7 8 9 0",
                // words the synthetic vocabulary has merges for, in other spellings
                "aaaa aaa aa a aaaaa",
                "ΣΟΦΟΣ σοφος Σοφος σΟΦΟΣ",
                "İSTANBUL istanbul",
                "Ǆ ǅ ǆ",
                "STRASSE straße STRAẞE",
                "don't DON'T don’t",
                "the firefighter's photo",
                "!!! !! ... …… — – -",
                "٣ ½ 日本 日本語");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("prompts")
    void matchesReferenceImplementation(String prompt) {
        List<Integer> content = reference.contentIds(prompt);
        long[] expected = reference.encode(prompt, 77, fromJson.padId());
        for (ClipTokenizer tokenizer : List.of(fromJson, fromPair)) {
            Encoding e = tokenizer.encode(prompt);
            assertArrayEquals(expected, e.inputIds(), () -> "ids of \"" + prompt + "\" (" + tokenizer + ")");
            assertEquals(content.size() + 2, e.tokenCount(), "token count");
            assertEquals(content.size() > 75, e.truncated(), "truncated");
            assertEquals(Math.min(content.size(), 75) + 2, e.length(), "attention-mask length");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("prompts")
    void matchesReferenceWithFullByteVocabulary(String prompt) {
        List<Integer> content = syntheticReference.contentIds(prompt);
        long[] expected = syntheticReference.encode(prompt, 77, synthetic.padId());
        Encoding e = synthetic.encode(prompt);
        assertArrayEquals(expected, e.inputIds(), () -> "ids of \"" + prompt + "\"");
        assertEquals(content.size() + 2, e.tokenCount(), "token count");
        assertEquals(content.size() > 75, e.truncated(), "truncated");
    }

    @Test
    void referenceReproducesGoldenIds() {
        // The oracle itself is checked against transformers' output before it is trusted.
        List<String> prompts = TinyGolden.tokenizerPrompts();
        for (int i = 0; i < prompts.size(); i++) {
            long[] golden = TinyGolden.readInt64("tokenizer." + i + ".input_ids").toLongArray();
            assertArrayEquals(golden, reference.encode(prompts.get(i), 77, golden[golden.length - 1]));
        }
    }
}
