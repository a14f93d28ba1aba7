package dev.wuerstchen.api.config;

import java.nio.file.Path;

/** {@code text_encoder/config.json} of a CLIPTextModel (spec 8.2). */
public record ClipTextConfig(int hiddenSize, int intermediateSize, int numHiddenLayers, int numAttentionHeads,
        int maxPositionEmbeddings, int vocabSize, HiddenAct hiddenAct, double layerNormEps, int bosTokenId,
        int eosTokenId, int padTokenId) {

    /**
     * {@code text_encoder/config.json} of warp-ai/wuerstchen-prior (OpenCLIP ViT-bigG-14 text tower, spec 2.2),
     * with its stale bos/eos/pad ids 0/2/1.
     */
    public static final ClipTextConfig PUBLISHED_PRIOR = new ClipTextConfig(1280, 5120, 32, 20, 77, 49408, HiddenAct.GELU,
            1e-5, 0, 2, 1);
    /** {@code text_encoder/config.json} of warp-ai/wuerstchen (OpenCLIP ViT-H-14 text tower, spec 2.1). */
    public static final ClipTextConfig PUBLISHED_DECODER = new ClipTextConfig(1024, 4096, 24, 16, 77, 49408,
            HiddenAct.GELU, 1e-5, 0, 2, 1);

    public ClipTextConfig {
        if (hiddenSize <= 0 || intermediateSize <= 0 || numHiddenLayers <= 0 || numAttentionHeads <= 0
                || maxPositionEmbeddings <= 0 || vocabSize <= 0) {
            throw new IllegalArgumentException("CLIP text sizes must be positive");
        }
        if (hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize + " is not a multiple of num_attention_heads "
                    + numAttentionHeads);
        }
    }

    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    public static ClipTextConfig load(Path file) {
        ConfigReader r = ConfigReader.read(file);
        String act = r.optString("hidden_act", "quick_gelu");
        HiddenAct a = HiddenAct.fromJson(act);
        if (a == null) {
            throw r.invalid("hidden_act", "activation '" + act + "' is not supported (gelu, quick_gelu)");
        }
        int hidden = r.requireInt("hidden_size");
        int heads = r.requireInt("num_attention_heads");
        if (hidden <= 0 || heads <= 0 || hidden % heads != 0) {
            throw r.invalid("hidden_size", "hidden_size " + hidden + " must be a positive multiple of num_attention_heads "
                    + heads);
        }
        int intermediate = r.requirePositiveInt("intermediate_size");
        int layers = r.requirePositiveInt("num_hidden_layers");
        int positions = r.has("max_position_embeddings") ? r.requirePositiveInt("max_position_embeddings") : 77;
        int vocab = r.requirePositiveInt("vocab_size");
        return new ClipTextConfig(hidden, intermediate, layers, heads, positions, vocab, a, r.optDouble("layer_norm_eps", 1e-5),
                r.optInt("bos_token_id", 49406), r.optInt("eos_token_id", 49407), r.optInt("pad_token_id", 1));
    }
}
