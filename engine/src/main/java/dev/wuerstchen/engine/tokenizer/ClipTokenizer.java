package dev.wuerstchen.engine.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.error.ConfigException;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The CLIP tokenizer of spec 8.1, backed by the Hugging Face tokenizers library through DJL and
 * fully offline.
 *
 * <p>A tokenizer folder holds either {@code tokenizer.json} or the older {@code vocab.json} +
 * {@code merges.txt} pair (what the published warp-ai checkpoints ship); for the pair, the
 * equivalent tokenizer.json is built in memory. {@code tokenizer_config.json} (and
 * {@code special_tokens_map.json}, which overrides it, as in transformers) supply the maximum length
 * and the padding token; without them the length is 77 and the padding token is
 * {@code <|endoftext|>}.
 *
 * <p>Every encoding has exactly {@link #maxLength()} ids: {@code [BOS, content..., EOS]}, with at
 * most {@code maxLength - 2} content tokens, right-padded with {@link #padId()}. Thread-safe;
 * {@link #close()} frees the native tokenizer, and later calls throw {@link IllegalStateException}.
 */
public final class ClipTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final Path source;
    private final int maxLength;
    private final long padId;
    private final long bosId;
    private final long eosId;
    // Encodes share the read lock; close takes the write lock so no encode runs on a freed handle.
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private ClipTokenizer(HuggingFaceTokenizer tokenizer, Path source, int maxLength, long padId,
                          long bosId, long eosId) {
        this.tokenizer = tokenizer;
        this.source = source;
        this.maxLength = maxLength;
        this.padId = padId;
        this.bosId = bosId;
        this.eosId = eosId;
    }

    /**
     * Loads the tokenizer of a model's {@code tokenizer/} folder.
     *
     * @throws CheckpointException when the folder or its files are missing or malformed
     * @throws ConfigException     when tokenizer_config.json holds an unusable value
     */
    public static ClipTokenizer load(Path folder) {
        Objects.requireNonNull(folder, "folder");
        DjlTokenizers.disableTelemetry();
        TokenizerFolder files = TokenizerFolder.read(folder);
        long padId = padId(files);
        HuggingFaceTokenizer tokenizer = DjlTokenizers.create(files.json(), files.source());
        try {
            // The empty prompt must come out as exactly [BOS, EOS]: that is how CLIP's post-processor
            // frames every prompt, and truncation below relies on it.
            long[] frame = DjlTokenizers.encode(tokenizer, "").getIds();
            if (frame.length != 2) {
                throw new CheckpointException(files.source(), "frames the empty prompt as "
                        + Arrays.toString(frame) + " instead of [start token, end token], so it is not a CLIP"
                        + " tokenizer (its post_processor is missing or different). Use the tokenizer/ folder"
                        + " of a Würstchen or CLIP checkpoint");
            }
            return new ClipTokenizer(tokenizer, files.source(), files.maxLength(), padId, frame[0], frame[1]);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** Tokenizes one prompt, padded or truncated to {@link #maxLength()}. */
    public Encoding encode(String text) {
        Objects.requireNonNull(text, "text");
        long[] framed = framedIds(text);
        int content = framed.length - 2;
        int kept = Math.min(content, maxLength - 2);
        long[] ids = new long[maxLength];
        long[] mask = new long[maxLength];
        ids[0] = framed[0];
        System.arraycopy(framed, 1, ids, 1, kept);
        ids[kept + 1] = framed[framed.length - 1];
        Arrays.fill(ids, kept + 2, maxLength, padId);
        Arrays.fill(mask, 0, kept + 2, 1L);
        return new Encoding(ids, mask, kept < content, framed.length);
    }

    /** Tokenizes a batch of prompts into int64 {@code [B, maxLength]} ids and attention masks. */
    public TokenBatch encodeBatch(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        int b = texts.size();
        long[] ids = new long[b * maxLength];
        long[] mask = new long[b * maxLength];
        List<Encoding> rows = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            Encoding e = encode(texts.get(i));
            System.arraycopy(e.inputIds(), 0, ids, i * maxLength, maxLength);
            System.arraycopy(e.attentionMask(), 0, mask, i * maxLength, maxLength);
            rows.add(e);
        }
        Shape shape = Shape.of(b, maxLength);
        return new TokenBatch(HostTensor.of(shape, ids), HostTensor.of(shape, mask), rows);
    }

    /**
     * The end of the prompt that truncation drops: the text from the first token that does not fit to
     * the end, exactly as typed; empty when the whole prompt fits. For warnings such as "the prompt was
     * cut before: ...".
     */
    public String truncatedTail(String text) {
        Objects.requireNonNull(text, "text");
        ai.djl.huggingface.tokenizers.Encoding enc = nativeEncode(text);
        if (enc.getIds().length <= maxLength) {
            return "";
        }
        // [BOS, content..., EOS] keeps content 1..maxLength-2, so the first dropped token is at maxLength-1.
        CharSpan span = enc.getCharTokenSpans()[maxLength - 1];
        if (span == null) {
            return "";
        }
        // The library reports offsets in Unicode code points; Java strings index UTF-16 units.
        int codePoints = text.codePointCount(0, text.length());
        int start = Math.min(Math.max(span.getStart(), 0), codePoints);
        return text.substring(text.offsetByCodePoints(0, start));
    }

    /** The padded sequence length (model_max_length, 77 for CLIP). */
    public int maxLength() {
        return maxLength;
    }

    /** The id used for padding (the checkpoint's pad_token; {@code <|endoftext|>} by default). */
    public long padId() {
        return padId;
    }

    /** The start-of-text id every encoding begins with. */
    public long bosId() {
        return bosId;
    }

    /** The end-of-text id that follows the content. */
    public long eosId() {
        return eosId;
    }

    /** Frees the native tokenizer; idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                tokenizer.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "ClipTokenizer[" + source + ", maxLength=" + maxLength + ", pad=" + padId + "]";
    }

    /** [BOS, content..., EOS] without padding or truncation. */
    private long[] framedIds(String text) {
        long[] framed = nativeEncode(text).getIds();
        if (framed.length < 2) {
            // load() checked the framing; a prompt that loses it means the library misbehaves.
            throw new IllegalStateException("tokenizer " + source + " returned " + framed.length
                    + " ids for a prompt, fewer than the start and end tokens");
        }
        return framed;
    }

    private ai.djl.huggingface.tokenizers.Encoding nativeEncode(String text) {
        String wellFormed = replaceLoneSurrogates(text);
        return withOpen(() -> DjlTokenizers.encode(tokenizer, wellFormed));
    }

    /**
     * Replaces unpaired UTF-16 surrogates by U+FFFD. JNI passes strings as modified UTF-8, and one
     * unpaired surrogate makes the native side decode the whole prompt lossily (three U+FFFD per
     * surrogate, NUL characters mangled), which would also shift the offsets truncatedTail uses.
     * One code point for one code point keeps those offsets aligned with the caller's text.
     */
    static String replaceLoneSurrogates(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private <T> T withOpen(Supplier<T> action) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("ClipTokenizer for " + source + " is closed. Load it again");
            }
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Looks the padding token up among the added tokens, then in the model vocabulary. */
    private static long padId(TokenizerFolder files) {
        String pad = files.padToken();
        for (JsonNode added : files.tree().path("added_tokens")) {
            if (pad.equals(added.path("content").asText(null)) && added.path("id").canConvertToLong()) {
                return added.get("id").longValue();
            }
        }
        JsonNode id = files.tree().path("model").path("vocab").get(pad);
        if (id != null && id.isIntegralNumber()) {
            return id.longValue();
        }
        String problem = "the padding token \"" + pad + "\" is not in the vocabulary of " + files.source().getFileName();
        if (files.padTokenFrom() == null) {
            throw new CheckpointException(files.source(), problem + " (it is CLIP's default padding token,"
                    + " used because there is no tokenizer_config.json). Add a tokenizer_config.json naming the"
                    + " pad_token, or use the tokenizer/ folder of a CLIP checkpoint");
        }
        throw new ConfigException(files.padTokenFrom(), "/pad_token", problem + ". Name a token of the"
                + " vocabulary, or restore the file from the original download");
    }
}
