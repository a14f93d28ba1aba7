package dev.wuerstchen.engine.tokenizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a CLIP-shaped vocab.json + merges.txt that, unlike the tiny golden vocabulary, covers all 256
 * byte symbols (with and without {@code </w>}) and has merges for a few non-ASCII words. With it the
 * comparison with the reference tokenizer also sees what normalisation, the word regex and the merge
 * order do to non-ASCII text, instead of everything unknown collapsing to the unknown token.
 */
final class SyntheticVocabulary {

    /** Words (already normalised) whose byte symbols get merged left to right into one token. */
    static final List<String> WORDS = List.of(
            "the", "cat", "fire", "firefighter", "photo", "of", "'s", "'t", "don",
            "straße", "café", "σοφος", "日本", "i\u0307stanbul", "ǆ", "٣", "½", "!!", "...", "—");

    private SyntheticVocabulary() {}

    /** Writes both files into {@code folder} and returns it. */
    static Path write(Path folder) {
        return write(folder, 0);
    }

    /**
     * Like {@link #write(Path)}, but when {@code size} is positive, adds two-symbol merges until the
     * vocabulary (special tokens included) has exactly {@code size} entries; 49408 gives CLIP's shape,
     * with the start and end tokens at 49406 and 49407.
     */
    static Path write(Path folder, int size) {
        String[] byteChar = byteTable();
        Set<String> vocab = new LinkedHashSet<>();
        for (String c : byteChar) {
            vocab.add(c);
        }
        for (String c : byteChar) {
            vocab.add(c + "</w>");
        }
        Set<String> merges = new LinkedHashSet<>();
        // Two overlapping rules on purpose: "aaaa" tells which of two equal-rank pairs merges first.
        addMerge("a", "a", vocab, merges);
        addMerge("a", "a</w>", vocab, merges);
        for (String word : WORDS) {
            List<String> symbols = new ArrayList<>();
            for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
                symbols.add(byteChar[b & 0xff]);
            }
            symbols.set(symbols.size() - 1, symbols.getLast() + "</w>");
            String acc = symbols.getFirst();
            for (int i = 1; i < symbols.size(); i++) {
                addMerge(acc, symbols.get(i), vocab, merges);
                acc = acc + symbols.get(i);
            }
        }
        for (int i = 0; size > 0 && i < 256 && vocab.size() < size - 2; i++) {
            for (int j = 0; j < 256 && vocab.size() < size - 2; j++) {
                String right = j % 2 == 0 ? byteChar[j] : byteChar[j] + "</w>";
                if (!vocab.contains(byteChar[i] + right)) {
                    addMerge(byteChar[i], right, vocab, merges);
                }
            }
        }
        vocab.add(ReferenceClipBpe.BOS);
        vocab.add(ReferenceClipBpe.EOS);

        ObjectNode json = TinyGolden.MAPPER.createObjectNode();
        int id = 0;
        for (String token : vocab) {
            json.put(token, id++);
        }
        try {
            Files.writeString(folder.resolve("vocab.json"), TinyGolden.MAPPER.writeValueAsString(json));
            Files.writeString(folder.resolve("merges.txt"), "#version: 0.2\n" + String.join("\n", merges) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    private static void addMerge(String left, String right, Set<String> vocab, Set<String> merges) {
        String rule = left + " " + right;
        if (merges.add(rule)) {
            vocab.add(left + right);
        }
    }

    private static String[] byteTable() {
        String[] table = new String[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || b >= 174;
            table[b] = new String(Character.toChars(printable ? b : next++));
        }
        return table;
    }
}
