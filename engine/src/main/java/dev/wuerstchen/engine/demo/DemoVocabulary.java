package dev.wuerstchen.engine.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small CLIP-style byte-level BPE vocabulary for the demo model, in the two-file format the
 * published checkpoints ship (vocab.json + merges.txt): single characters, their end-of-word forms,
 * and merges for a few common words. Characters outside it become the unknown token.
 */
record DemoVocabulary(Map<String, Integer> vocab, List<String[]> merges) {

    private static final String CHARS = "abcdefghijklmnopqrstuvwxyz0123456789,.!?-'";
    private static final String[] WORDS = {"the", "cat", "dog", "and", "of", "in", "a", "photo", "fire", "fighter",
        "red", "blue", "house", "style", "dressed", "as", "with", "on"};

    static DemoVocabulary create() {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (char c : CHARS.toCharArray()) {
            vocab.put(String.valueOf(c), vocab.size());
        }
        for (char c : CHARS.toCharArray()) {
            vocab.put(c + "</w>", vocab.size());
        }
        List<String[]> merges = new ArrayList<>();
        for (String w : WORDS) {
            // merge left to right: "c"+"a" → "ca", "ca"+"t</w>" → "cat</w>"
            String acc = String.valueOf(w.charAt(0));
            for (int i = 1; i < w.length(); i++) {
                String next = i == w.length() - 1 ? w.charAt(i) + "</w>" : String.valueOf(w.charAt(i));
                String merged = acc + next;
                if (!vocab.containsKey(merged)) {
                    merges.add(new String[] {acc, next});
                    vocab.put(merged, vocab.size());
                }
                acc = merged;
            }
        }
        vocab.put("<|startoftext|>", vocab.size());
        vocab.put("<|endoftext|>", vocab.size());
        return new DemoVocabulary(vocab, merges);
    }

    int size() {
        return vocab.size();
    }

    int bos() {
        return vocab.get("<|startoftext|>");
    }

    int eos() {
        return vocab.get("<|endoftext|>");
    }

    void writeTo(Path dir) throws IOException {
        ModelFolderWriter.writeJson(dir.resolve("vocab.json"), vocab);
        StringBuilder m = new StringBuilder("#version: 0.2\n");
        for (String[] pair : merges) {
            m.append(pair[0]).append(' ').append(pair[1]).append('\n');
        }
        dev.wuerstchen.api.io.AtomicFiles.write(dir.resolve("merges.txt"), m.toString().getBytes(StandardCharsets.UTF_8));
        ModelFolderWriter.writeJson(dir.resolve("tokenizer_config.json"), Map.of("tokenizer_class", "CLIPTokenizer",
                "model_max_length", 77, "bos_token", "<|startoftext|>", "eos_token", "<|endoftext|>", "pad_token",
                "<|endoftext|>", "unk_token", "<|endoftext|>"));
    }
}
