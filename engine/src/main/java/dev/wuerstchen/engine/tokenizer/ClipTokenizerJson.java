package dev.wuerstchen.engine.tokenizer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds the {@code tokenizer.json} document that transformers writes for a fast CLIP tokenizer
 * (spec 8.1), from the vocabulary and merge rules of the two-file format. Field names, order and
 * values follow transformers' output (see the tiny golden {@code tokenizer.json}) so that the Hugging
 * Face tokenizers library behaves exactly as it does for a checkpoint that ships the JSON.
 */
final class ClipTokenizerJson {

    static final String BOS = "<|startoftext|>";
    static final String EOS = "<|endoftext|>";

    /** CLIP's word pattern (spec 8.1 step 2); transformers puts the two special tokens in front. */
    private static final String WORD_PATTERN =
            "'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+";

    private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\^$.|?*+()\\[\\]{}]");

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ClipTokenizerJson() {}

    /**
     * The tokenizer.json tree. {@code vocab} must contain both special tokens (checked by the caller)
     * and every symbol the merges need (checked by {@link BpeFiles}).
     */
    static ObjectNode build(BpeFiles.Contents contents) {
        ObjectNode vocab = contents.vocab();
        int bosId = vocab.get(BOS).intValue();
        int eosId = vocab.get(EOS).intValue();

        ObjectNode root = F.objectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        added.add(addedToken(bosId, BOS));
        added.add(addedToken(eosId, EOS));
        root.set("normalizer", normalizer());
        root.set("pre_tokenizer", preTokenizer());
        root.set("post_processor", postProcessor(bosId, eosId));
        root.set("decoder", byteLevel(true));
        root.set("model", model(contents));
        return root;
    }

    private static ObjectNode addedToken(int id, String content) {
        ObjectNode t = F.objectNode();
        t.put("id", id);
        t.put("content", content);
        t.put("single_word", false);
        t.put("lstrip", false);
        t.put("rstrip", false);
        t.put("normalized", false);
        t.put("special", true);
        return t;
    }

    private static ObjectNode normalizer() {
        ObjectNode replace = F.objectNode();
        replace.put("type", "Replace");
        replace.putObject("pattern").put("Regex", "\\s+");
        replace.put("content", " ");
        ObjectNode seq = F.objectNode();
        seq.put("type", "Sequence");
        ArrayNode list = seq.putArray("normalizers");
        list.addObject().put("type", "NFC");
        list.add(replace);
        list.addObject().put("type", "Lowercase");
        return seq;
    }

    private static ObjectNode preTokenizer() {
        ObjectNode split = F.objectNode();
        split.put("type", "Split");
        String pattern = escapeRegex(BOS) + "|" + escapeRegex(EOS) + "|" + WORD_PATTERN;
        split.putObject("pattern").put("Regex", pattern);
        split.put("behavior", "Removed");
        split.put("invert", true);
        ObjectNode seq = F.objectNode();
        seq.put("type", "Sequence");
        ArrayNode list = seq.putArray("pretokenizers");
        list.add(split);
        list.add(byteLevel(false));
        return seq;
    }

    private static ObjectNode byteLevel(boolean addPrefixSpace) {
        ObjectNode b = F.objectNode();
        b.put("type", "ByteLevel");
        b.put("add_prefix_space", addPrefixSpace);
        b.put("trim_offsets", true);
        b.put("use_regex", true);
        return b;
    }

    private static ObjectNode postProcessor(int bosId, int eosId) {
        ObjectNode p = F.objectNode();
        p.put("type", "RobertaProcessing");
        p.putArray("sep").add(EOS).add(eosId);
        p.putArray("cls").add(BOS).add(bosId);
        p.put("trim_offsets", false);
        p.put("add_prefix_space", false);
        return p;
    }

    private static ObjectNode model(BpeFiles.Contents contents) {
        ObjectNode m = F.objectNode();
        m.put("type", "BPE");
        m.putNull("dropout");
        m.put("unk_token", EOS);
        m.put("continuing_subword_prefix", "");
        m.put("end_of_word_suffix", "</w>");
        m.put("fuse_unk", false);
        m.put("byte_fallback", false);
        m.put("ignore_merges", false);
        m.set("vocab", contents.vocab().deepCopy());
        ArrayNode merges = m.putArray("merges");
        List<BpeFiles.Merge> rules = contents.merges();
        for (BpeFiles.Merge rule : rules) {
            merges.addArray().add(rule.left()).add(rule.right());
        }
        return m;
    }

    private static String escapeRegex(String literal) {
        return REGEX_SPECIAL.matcher(literal).replaceAll("\\\\$0");
    }
}
