package dev.wuerstchen.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A synthetic vocabulary of CLIP's size (49408 entries, 48894 merges, specials at 49406/49407) in the
 * two-file format the published checkpoints ship: the spec's own example and the reference tokenizer
 * must hold at full size.
 */
class ClipSizedVocabularyTest {

    @TempDir
    Path folder;

    @Test
    void specExampleAndReferenceAtFullSize() {
        SyntheticVocabulary.write(folder, 49408);
        try (ClipTokenizer t = ClipTokenizer.load(folder)) {
            // Spec 8.1: "" -> ids [49406, 49407, 49407 x 75], mask [1, 1, 0 x 75].
            long[] ids = new long[77];
            Arrays.fill(ids, 49407);
            ids[0] = 49406;
            long[] mask = new long[77];
            mask[0] = 1;
            mask[1] = 1;
            Encoding empty = t.encode("");
            assertArrayEquals(ids, empty.inputIds());
            assertArrayEquals(mask, empty.attentionMask());

            ReferenceClipBpe reference = new ReferenceClipBpe(folder.resolve("vocab.json"), folder.resolve("merges.txt"));
            for (String prompt : List.of("anthropomorphic cat dressed as a firefighter",
                    "A photo of the Straße, café, σοφος & 日本 at 12:30!!", "don't stop... x² ½ 😀",
                    "a very long prompt ".repeat(30))) {
                assertArrayEquals(reference.encode(prompt, 77, 49407), t.encode(prompt).inputIds(), prompt);
                assertEquals(reference.contentIds(prompt).size() + 2, t.encode(prompt).tokenCount(), prompt);
            }
        }
    }
}
