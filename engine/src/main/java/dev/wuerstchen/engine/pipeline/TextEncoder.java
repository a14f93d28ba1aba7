package dev.wuerstchen.engine.pipeline;

import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.engine.tokenizer.ClipTokenizer;
import dev.wuerstchen.engine.tokenizer.Encoding;
import dev.wuerstchen.engine.tokenizer.TokenBatch;
import dev.wuerstchen.models.clip.ClipTextEncoder;
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
     * the tokenizer's maximum length, with the part that was dropped.
     */
    public HostTensor encode(List<String> texts, Consumer<String> truncation) {
        TokenBatch batch = tokenizer.encodeBatch(texts);
        for (int i = 0; i < texts.size(); i++) {
            Encoding e = batch.rows().get(i);
            if (e.truncated()) {
                String t = texts.get(i);
                truncation.accept("the prompt \"" + abbreviate(t) + "\" has " + e.tokenCount() + " tokens but CLIP reads "
                        + tokenizer.maxLength() + "; it ignores the rest, starting at: \"" + abbreviate(tokenizer.truncatedTail(t))
                        + "\"");
            }
        }
        HostTensor mask = HostTensor.of(batch.attentionMask().shape(), batch.attentionMask().toFloatArray());
        return network.run(Map.of(ClipTextEncoder.INPUT_IDS, batch.inputIds(), ClipTextEncoder.ATTENTION_MASK, mask))
                .get(ClipTextEncoder.LAST_HIDDEN_STATE);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
