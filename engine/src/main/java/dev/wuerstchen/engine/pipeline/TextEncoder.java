package dev.wuerstchen.engine.pipeline;

import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.engine.tokenizer.ClipTokenizer;
import dev.wuerstchen.models.clip.ClipTextEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Tokenizer plus CLIP text network: texts → last hidden states (N, 77, D). */
public final class TextEncoder {

    private final ClipTokenizer tokenizer;
    private final Network network;

    public TextEncoder(ClipTokenizer tokenizer, Network network) {
        this.tokenizer = tokenizer;
        this.network = network;
    }

    /**
     * Encodes texts in one network call. {@code truncation} hears about every text longer than
     * the tokenizer's 77 tokens, with the part that was dropped.
     */
    public HostTensor encode(List<String> texts, Consumer<String> truncation) {
        int n = texts.size();
        List<long[]> ids = new ArrayList<>();
        List<long[]> masks = new ArrayList<>();
        for (String t : texts) {
            ClipTokenizer.Encoding e = tokenizer.encode(t);
            if (e.truncated()) {
                truncation.accept("the prompt \"" + abbreviate(t) + "\" is longer than " + e.inputIds().length
                        + " tokens; CLIP ignores the rest, starting at: \"" + tokenizer.truncatedTail(t) + "\"");
            }
            ids.add(e.inputIds());
            masks.add(e.attentionMask());
        }
        int len = ids.getFirst().length;
        long[] allIds = new long[n * len];
        float[] allMask = new float[n * len];
        for (int i = 0; i < n; i++) {
            System.arraycopy(ids.get(i), 0, allIds, i * len, len);
            long[] m = masks.get(i);
            for (int j = 0; j < len; j++) {
                allMask[i * len + j] = m[j];
            }
        }
        Map<String, HostTensor> inputs = Map.of(ClipTextEncoder.INPUT_IDS, HostTensor.of(Shape.of(n, len), allIds),
                ClipTextEncoder.ATTENTION_MASK, HostTensor.of(Shape.of(n, len), allMask));
        return network.run(inputs).get(ClipTextEncoder.LAST_HIDDEN_STATE);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
