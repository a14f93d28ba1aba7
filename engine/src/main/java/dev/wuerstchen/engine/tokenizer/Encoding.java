package dev.wuerstchen.engine.tokenizer;

import java.util.Arrays;

/**
 * One tokenized prompt, padded or truncated to the tokenizer's maximum length (77 for CLIP).
 *
 * @param inputIds      {@code [BOS, content..., EOS, pad...]}, exactly {@code maxLength} ids
 * @param attentionMask 1 for BOS, content and EOS, 0 for padding; same length as {@code inputIds}
 * @param truncated     whether content tokens had to be dropped to fit
 * @param tokenCount    how many tokens the whole prompt needs including BOS and EOS, before
 *                      truncation (larger than {@code maxLength} exactly when {@code truncated})
 */
public record Encoding(long[] inputIds, long[] attentionMask, boolean truncated, int tokenCount) {

    public Encoding {
        if (inputIds.length != attentionMask.length) {
            throw new IllegalArgumentException(inputIds.length + " ids but " + attentionMask.length
                    + " attention-mask entries");
        }
        inputIds = inputIds.clone();
        attentionMask = attentionMask.clone();
    }

    /** A copy of the ids. */
    @Override
    public long[] inputIds() {
        return inputIds.clone();
    }

    /** A copy of the attention mask. */
    @Override
    public long[] attentionMask() {
        return attentionMask.clone();
    }

    /** The number of positions holding BOS, content or EOS (the ones the mask marks with 1). */
    public int length() {
        int n = 0;
        for (long m : attentionMask) {
            n += (int) m;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Encoding e && truncated == e.truncated && tokenCount == e.tokenCount
                && Arrays.equals(inputIds, e.inputIds) && Arrays.equals(attentionMask, e.attentionMask);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(inputIds) + Arrays.hashCode(attentionMask)) + tokenCount
                + (truncated ? 1 : 0);
    }

    @Override
    public String toString() {
        return "Encoding[inputIds=" + Arrays.toString(inputIds) + ", attentionMask="
                + Arrays.toString(attentionMask) + ", truncated=" + truncated + ", tokenCount=" + tokenCount + "]";
    }
}
