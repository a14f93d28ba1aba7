package dev.wuerstchen.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken tokenizer folders end in typed errors that name the file and say how to fix it. */
class ClipTokenizerErrorsTest {

    @TempDir
    Path folder;

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "\"" + e.getMessage() + "\" should mention \"" + p + "\"");
        }
    }

    private void copy(Path from, String name) throws IOException {
        Files.copy(from.resolve(name), folder.resolve(name));
    }

    @Test
    void missingMergesFile() throws IOException {
        copy(TinyGolden.twoFileTokenizerFolder(), "vocab.json");
        CheckpointException e = assertThrows(CheckpointException.class, () -> ClipTokenizer.load(folder));
        assertEquals(folder.resolve("merges.txt"), e.file());
        assertMentions(e, "merges.txt", "missing", "vocab.json", "download");
    }

    @Test
    void malformedVocabJson() throws IOException {
        copy(TinyGolden.twoFileTokenizerFolder(), "merges.txt");
        Files.writeString(folder.resolve("vocab.json"), "{\"a\": 0, \"b\": 1,");
        CheckpointException e = assertThrows(CheckpointException.class, () -> ClipTokenizer.load(folder));
        assertEquals(folder.resolve("vocab.json"), e.file());
        assertMentions(e, "vocab.json", "not valid JSON", "line 1", "ownload");
    }

    @Test
    void vocabJsonWithNonIntegerId() throws IOException {
        copy(TinyGolden.twoFileTokenizerFolder(), "merges.txt");
        Files.writeString(folder.resolve("vocab.json"), "{\"a\": 0, \"b\": \"one\"}");
        CheckpointException e = assertThrows(CheckpointException.class, () -> ClipTokenizer.load(folder));
        assertMentions(e, "vocab.json", "\"b\"", "non-negative integers");
    }

    @Test
    void vocabJsonThatIsNotAnObject() throws IOException {
        copy(TinyGolden.twoFileTokenizerFolder(), "merges.txt");
        Files.writeString(folder.resolve("vocab.json"), "[\"a\", \"b\"]");
        CheckpointException e = assertThrows(CheckpointException.class, () -> ClipTokenizer.load(folder));
        assertMentions(e, "vocab.json", "JSON object");
    }

    @Test
    void malformedMergeLine() throws IOException {
        copy(TinyGolden.twoFileTokenizerFolder(), "vocab.json");
        Files.writeString(folder.resolve("merges.txt"), "#version: 0.2\na n\nt h e\n");
        CheckpointException e = assertThrows(CheckpointException.class, () -> ClipTokenizer.load(folder));
        assertEquals(folder.resolve("merges.txt"), e.file());
        assertMentions(e, "merges.txt", "line 3", "t h e");
    }

    @Test
    void mergeOutsideTheVocabulary() throws IOException {
        copy(TinyGolden.twoFileTokenizerFolder(), "vocab.json");
        Files.writeString(folder.resolve("merges.txt"), "#version: 0.2\na n\nq u\n");
        CheckpointException e = assertThrows(CheckpointException.class, () -> ClipTokenizer.load(folder));
        assertMentions(e, "merges.txt", "line 3", "\"qu\"", "same tokenizer");
    }

    @Test
    void vocabularyWithoutSpecialTokens() throws IOException {
        Files.writeString(folder.resolve("vocab.json"), "{\"a\": 0, \"n\": 1, \"an\": 2}");
        Files.writeString(folder.resolve("merges.txt"), "#version: 0.2\na n\n");
        CheckpointException e = assertThrows(CheckpointException.class, () -> ClipTokenizer.load(folder));
        assertMentions(e, "vocab.json", "<|startoftext|>", "not a CLIP vocabulary");
    }

    @Test
    void missingOrEmptyFolder() {
        Path absent = folder.resolve("nope");
        CheckpointException e = assertThrows(CheckpointException.class, () -> ClipTokenizer.load(absent));
        assertEquals(absent, e.file());
        assertMentions(e, "does not exist", "tokenizer.json");

        e = assertThrows(CheckpointException.class, () -> ClipTokenizer.load(folder));
        assertMentions(e, "neither tokenizer.json nor vocab.json + merges.txt");
    }

    @Test
    void fileInsteadOfFolder() throws IOException {
        Path file = Files.writeString(folder.resolve("tokenizer.json"), "{}");
        CheckpointException e = assertThrows(CheckpointException.class, () -> ClipTokenizer.load(file));
        assertMentions(e, "is not a folder");
    }

    @Test
    void malformedTokenizerJson() throws IOException {
        Files.writeString(folder.resolve("tokenizer.json"), "{\"version\": \"1.0\", \"model\": {");
        CheckpointException e = assertThrows(CheckpointException.class, () -> ClipTokenizer.load(folder));
        assertEquals(folder.resolve("tokenizer.json"), e.file());
        assertMentions(e, "tokenizer.json", "not valid JSON", "vocab.json + merges.txt");
    }

    @Test
    void tokenizerJsonTheLibraryRejects() throws IOException {
        String json = Files.readString(TinyGolden.jsonTokenizerFolder().resolve("tokenizer.json"))
                .replace("\"type\": \"BPE\"", "\"type\": \"NoSuchModel\"");
        Files.writeString(folder.resolve("tokenizer.json"), json);
        CheckpointException e = assertThrows(CheckpointException.class, () -> ClipTokenizer.load(folder));
        assertMentions(e, "tokenizer.json", "not accepted by the Hugging Face tokenizers library", "ownload");
    }

    @Test
    void tokenizerJsonWithoutClipFraming() throws IOException {
        String json = Files.readString(TinyGolden.jsonTokenizerFolder().resolve("tokenizer.json"));
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) TinyGolden.MAPPER.readTree(json);
        tree.putNull("post_processor");
        Files.writeString(folder.resolve("tokenizer.json"), tree.toString());
        CheckpointException e = assertThrows(CheckpointException.class, () -> ClipTokenizer.load(folder));
        assertMentions(e, "tokenizer.json", "not a CLIP tokenizer");
    }

    @Test
    void padTokenOutsideTheVocabulary() throws IOException {
        copy(TinyGolden.jsonTokenizerFolder(), "tokenizer.json");
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"pad_token\": \"<pad>\"}");
        ConfigException e = assertThrows(ConfigException.class, () -> ClipTokenizer.load(folder));
        assertEquals(folder.resolve("tokenizer_config.json"), e.file());
        assertMentions(e, "pad_token", "<pad>", "not in the vocabulary");
    }

    @Test
    void badModelMaxLength() throws IOException {
        copy(TinyGolden.jsonTokenizerFolder(), "tokenizer.json");
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"model_max_length\": \"long\"}");
        ConfigException e = assertThrows(ConfigException.class, () -> ClipTokenizer.load(folder));
        assertMentions(e, "model_max_length", "integer");

        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"model_max_length\": 1}");
        e = assertThrows(ConfigException.class, () -> ClipTokenizer.load(folder));
        assertMentions(e, "model_max_length", "at least 2");
    }

    @Test
    void unsetModelMaxLengthMeansClipDefault() throws IOException {
        copy(TinyGolden.jsonTokenizerFolder(), "tokenizer.json");
        // transformers' "no limit known" sentinel.
        Files.writeString(folder.resolve("tokenizer_config.json"), "{\"model_max_length\": 1000000000000000019884624838656}");
        try (ClipTokenizer t = ClipTokenizer.load(folder)) {
            assertEquals(77, t.maxLength());
        }
    }
}
