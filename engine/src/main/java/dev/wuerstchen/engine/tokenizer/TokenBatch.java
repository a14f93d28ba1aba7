package dev.wuerstchen.engine.tokenizer;

import dev.wuerstchen.api.tensor.HostTensor;
import java.util.List;

/**
 * A batch of tokenized prompts as the text encoders take them.
 *
 * @param inputIds      int64 {@code [B, maxLength]}
 * @param attentionMask int64 {@code [B, maxLength]}, 1 for BOS/content/EOS and 0 for padding
 * @param rows          the per-prompt encodings, in batch order (for truncation warnings)
 */
public record TokenBatch(HostTensor inputIds, HostTensor attentionMask, List<Encoding> rows) {

    public TokenBatch {
        rows = List.copyOf(rows);
    }

    /** Whether any prompt of the batch was truncated. */
    public boolean anyTruncated() {
        return rows.stream().anyMatch(Encoding::truncated);
    }
}
