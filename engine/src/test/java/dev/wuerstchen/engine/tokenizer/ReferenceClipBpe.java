package dev.wuerstchen.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent, deliberately plain CLIP tokenizer written from spec 8.1 (steps 1-6): the oracle for
 * prompts beyond the golden ones. It reads vocab.json and merges.txt itself and shares no code with the
 * main implementation. Two details the spec leaves open are taken from how the Hugging Face library
 * is documented to work: the special tokens are matched in the raw text before normalisation, and a
 * symbol missing from the vocabulary becomes the unknown token ({@code <|endoftext|>}) on its own.
 */
final class ReferenceClipBpe {

    static final String BOS = "<|startoftext|>";
    static final String EOS = "<|endoftext|>";

    private static final Pattern SPECIALS = Pattern.compile(Pattern.quote(BOS) + "|" + Pattern.quote(EOS));
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern WORDS = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+", Pattern.UNICODE_CHARACTER_CLASS);

    private final Map<String, Integer> vocab = new HashMap<>();
    private final Map<String, Integer> ranks = new HashMap<>();
    private final String[] byteToChar = bytesToUnicode();

    ReferenceClipBpe(Path vocabJson, Path mergesTxt) {
        try {
            JsonNode v = TinyGolden.MAPPER.readTree(vocabJson.toFile());
            v.properties().forEach(e -> vocab.put(e.getKey(), e.getValue().intValue()));
            List<String> lines = Files.readAllLines(mergesTxt, StandardCharsets.UTF_8);
            int rank = 0;
            for (int i = 1; i < lines.size(); i++) { // line 0 is the "#version" header
                if (!lines.get(i).isBlank()) {
                    ranks.put(lines.get(i).strip(), rank++); // key "left right"
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Steps 5-6: [BOS] + at most maxLength-2 content ids + [EOS], right-padded with padId. */
    long[] encode(String text, int maxLength, long padId) {
        List<Integer> content = contentIds(text);
        long[] ids = new long[maxLength];
        Arrays.fill(ids, padId);
        ids[0] = vocab.get(BOS);
        int kept = Math.min(content.size(), maxLength - 2);
        for (int i = 0; i < kept; i++) {
            ids[1 + i] = content.get(i);
        }
        ids[1 + kept] = vocab.get(EOS);
        return ids;
    }

    /** Steps 1-4 for the whole prompt: the content ids without BOS/EOS, untruncated. */
    List<Integer> contentIds(String text) {
        List<Integer> out = new ArrayList<>();
        Matcher special = SPECIALS.matcher(text);
        int at = 0;
        while (special.find()) {
            segmentIds(text.substring(at, special.start()), out);
            out.add(vocab.get(special.group()));
            at = special.end();
        }
        segmentIds(text.substring(at), out);
        return out;
    }

    private void segmentIds(String segment, List<Integer> out) {
        // Step 1: NFC, collapse whitespace runs, lowercase (one code point at a time).
        String s = Normalizer.normalize(segment, Normalizer.Form.NFC);
        s = WHITESPACE.matcher(s).replaceAll(" ");
        StringBuilder lower = new StringBuilder();
        s.codePoints().forEach(cp -> lower.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT)));
        // Step 2: words are the regex matches; everything between them is dropped.
        Matcher m = WORDS.matcher(lower);
        while (m.find()) {
            wordIds(m.group(), out);
        }
    }

    private void wordIds(String word, List<Integer> out) {
        // Step 3: UTF-8 bytes to printable characters.
        List<String> symbols = new ArrayList<>();
        for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
            symbols.add(byteToChar[b & 0xff]);
        }
        // Step 4: end-of-word marker on the last symbol, then merge the best-ranked pair until none is left.
        int last = symbols.size() - 1;
        symbols.set(last, symbols.get(last) + "</w>");
        List<Boolean> unk = new ArrayList<>();
        for (String sym : symbols) {
            unk.add(!vocab.containsKey(sym));
        }
        while (true) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                if (unk.get(i) || unk.get(i + 1)) {
                    continue;
                }
                Integer r = ranks.get(symbols.get(i) + " " + symbols.get(i + 1));
                if (r != null && r < bestRank) {
                    bestRank = r;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            symbols.set(best, symbols.get(best) + symbols.get(best + 1));
            symbols.remove(best + 1);
            unk.remove(best + 1);
        }
        for (int i = 0; i < symbols.size(); i++) {
            out.add(unk.get(i) ? vocab.get(EOS) : vocab.get(symbols.get(i)));
        }
    }

    /** GPT-2's byte table: printable Latin-1 bytes map to themselves, the other 68 to U+0100 upwards. */
    private static String[] bytesToUnicode() {
        String[] table = new String[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174);
            table[b] = new String(Character.toChars(printable ? b : next++));
        }
        return table;
    }
}
