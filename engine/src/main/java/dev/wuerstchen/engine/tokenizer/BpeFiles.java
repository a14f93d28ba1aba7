package dev.wuerstchen.engine.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wuerstchen.api.error.CheckpointException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the older two-file BPE format ({@code vocab.json} + {@code merges.txt}) that the published
 * Würstchen checkpoints ship, checking everything the Hugging Face tokenizers library would reject so
 * that the user gets a message naming the file and line instead of a native error.
 */
final class BpeFiles {

    static final String VOCAB = "vocab.json";
    static final String MERGES = "merges.txt";

    private static final String REDOWNLOAD = "Download the model's tokenizer/ folder again";

    /** One merge rule, in rank order (rank = index in the list). */
    record Merge(String left, String right) {}

    /** The validated contents of both files; {@code vocab} keeps the file's key order. */
    record Contents(ObjectNode vocab, List<Merge> merges) {}

    private BpeFiles() {}

    static Contents read(Path vocabFile, Path mergesFile, ObjectMapper mapper) {
        ObjectNode vocab = readVocab(vocabFile, mapper);
        List<Merge> merges = readMerges(mergesFile, vocab);
        return new Contents(vocab, merges);
    }

    private static ObjectNode readVocab(Path file, ObjectMapper mapper) {
        String text = readText(file);
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new CheckpointException(file, "is not valid JSON" + where + " (" + e.getOriginalMessage()
                    + "). " + REDOWNLOAD, e);
        }
        if (!(root instanceof ObjectNode object)) {
            throw new CheckpointException(file, "must hold a JSON object mapping each token to its id. "
                    + REDOWNLOAD);
        }
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            JsonNode id = e.getValue();
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0) {
                throw new CheckpointException(file, "token \"" + e.getKey() + "\" has the id " + id
                        + ", but ids must be non-negative integers. " + REDOWNLOAD);
            }
        }
        return object;
    }

    private static List<Merge> readMerges(Path file, ObjectNode vocab) {
        List<String> lines = readText(file).lines().toList();
        int last = lines.size();
        while (last > 0 && lines.get(last - 1).isBlank()) {
            last--;
        }
        // The header ("#version: 0.2") is optional, as in the tokenizers library's own file reader.
        int first = !lines.isEmpty() && lines.getFirst().startsWith("#") ? 1 : 0;
        List<Merge> merges = new ArrayList<>(Math.max(0, last - first));
        for (int i = first; i < last; i++) {
            String[] parts = lines.get(i).strip().split("\\s+");
            int lineNo = i + 1;
            if (parts.length != 2 || parts[0].isEmpty()) {
                throw new CheckpointException(file, "line " + lineNo + " (\"" + lines.get(i)
                        + "\") is not a merge rule of the form \"left right\". " + REDOWNLOAD);
            }
            for (String symbol : new String[] {parts[0], parts[1], parts[0] + parts[1]}) {
                if (!vocab.has(symbol)) {
                    throw new CheckpointException(file, "line " + lineNo + " (\"" + lines.get(i)
                            + "\") needs the token \"" + symbol + "\", which " + VOCAB
                            + " lacks. vocab.json and merges.txt must come from the same tokenizer; "
                            + REDOWNLOAD);
                }
            }
            merges.add(new Merge(parts[0], parts[1]));
        }
        return merges;
    }

    private static String readText(Path file) {
        try {
            // Decoding strictly (newDecoder reports malformed UTF-8) rather than replacing bad bytes.
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "file is missing. " + REDOWNLOAD, e);
        } catch (CharacterCodingException e) {
            throw new CheckpointException(file, "is not valid UTF-8 text. " + REDOWNLOAD, e);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot be read (" + e.getMessage() + "). "
                    + "Check that the file is readable", e);
        }
    }
}
