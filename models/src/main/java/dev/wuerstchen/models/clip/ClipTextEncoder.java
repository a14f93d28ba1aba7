package dev.wuerstchen.models.clip;

import dev.wuerstchen.api.config.ClipTextConfig;
import dev.wuerstchen.api.config.HiddenAct;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.AttentionMask;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.models.blocks.InputChecks;
import dev.wuerstchen.models.blocks.Linear;
import java.util.List;
import java.util.Map;

/**
 * CLIPTextModel's text transformer (spec 8.2): token + position embeddings, pre-norm layers with a
 * causal-and-padding mask, final layer norm. Output: {@code last_hidden_state} (B, L, D).
 */
public final class ClipTextEncoder implements NetworkDefinition {

    public static final String INPUT_IDS = "input_ids";
    public static final String ATTENTION_MASK = "attention_mask";
    public static final String LAST_HIDDEN_STATE = "last_hidden_state";

    /** The key prefix of checkpoints saved by transformers 4 (the published ones); version 5 saves none. */
    public static final String TRANSFORMERS4_PREFIX = "text_model.";

    private final String name;
    private final ClipTextConfig config;
    private final String prefix;
    private final ParameterManifest manifest;

    /** A text encoder whose weight names start with {@code keyPrefix} ({@link #keyPrefix} finds it). */
    public ClipTextEncoder(String name, ClipTextConfig config, String keyPrefix) {
        this.name = name;
        this.config = config;
        this.prefix = keyPrefix;
        this.manifest = buildManifest();
    }

    /** The prefix the stored names use: {@code "text_model."} or none. */
    public static String keyPrefix(java.util.Set<String> storedNames) {
        return storedNames.contains("embeddings.token_embedding.weight") ? "" : TRANSFORMERS4_PREFIX;
    }

    public ClipTextConfig config() {
        return config;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ParameterManifest manifest() {
        return manifest;
    }

    @Override
    public List<TensorSpec> inputs() {
        return List.of(new TensorSpec(INPUT_IDS, DType.I64), new TensorSpec(ATTENTION_MASK, DType.F32));
    }

    @Override
    public List<TensorSpec> outputs() {
        return List.of(new TensorSpec(LAST_HIDDEN_STATE, DType.F32));
    }

    @Override
    public void checkInputs(Map<String, Shape> shapes) {
        Shape ids = InputChecks.require(name, shapes, INPUT_IDS);
        InputChecks.expect(name, INPUT_IDS, ids, -1, -1);
        if (ids.dim(1) > config.maxPositionEmbeddings()) {
            InputChecks.expect(name, INPUT_IDS, ids, ids.dim(0), config.maxPositionEmbeddings());
        }
        InputChecks.expect(name, ATTENTION_MASK, InputChecks.require(name, shapes, ATTENTION_MASK), ids.dim(0), ids.dim(1));
    }

    private ParameterManifest buildManifest() {
        int d = config.hiddenSize();
        ParameterManifest.Builder m = new ParameterManifest.Builder(name);
        m.add(prefix + "embeddings.token_embedding.weight", config.vocabSize(), d);
        m.add(prefix + "embeddings.position_embedding.weight", config.maxPositionEmbeddings(), d);
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            String l = prefix + "encoder.layers." + i + ".";
            for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                Linear.of(l + "self_attn." + proj, d, d).declare(m);
            }
            m.add(l + "layer_norm1.weight", d).add(l + "layer_norm1.bias", d);
            Linear.of(l + "mlp.fc1", d, config.intermediateSize()).declare(m);
            Linear.of(l + "mlp.fc2", config.intermediateSize(), d).declare(m);
            m.add(l + "layer_norm2.weight", d).add(l + "layer_norm2.bias", d);
        }
        m.add(prefix + "final_layer_norm.weight", d).add(prefix + "final_layer_norm.bias", d);
        // transformers < 4.31 saved the position_ids buffer; it is derived, never read
        m.ignoring(k -> k.equals(prefix + "embeddings.position_ids"));
        return m.build();
    }

    @Override
    public Map<String, Tensor> forward(Ops ops, Weights w, Map<String, Tensor> inputs) {
        Tensor ids = inputs.get(INPUT_IDS);
        Tensor mask = inputs.get(ATTENTION_MASK);
        int d = config.hiddenSize();
        int len = ids.shape().dim(1);
        Tensor positions = ops.slice(w.get(prefix + "embeddings.position_embedding.weight",
                Shape.of(config.maxPositionEmbeddings(), d)), 0, 0, len);
        Tensor x = ops.add(ops.embedding(w.get(prefix + "embeddings.token_embedding.weight", Shape.of(config.vocabSize(), d)), ids),
                positions); // (B, L, D)
        AttentionMask causal = new AttentionMask.Causal(mask);
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            x = layer(ops, w, prefix + "encoder.layers." + i + ".", x, causal);
        }
        return Map.of(LAST_HIDDEN_STATE, layerNorm(ops, w, prefix + "final_layer_norm", x));
    }

    private Tensor layer(Ops ops, Weights w, String l, Tensor x, AttentionMask mask) {
        int d = config.hiddenSize();
        Tensor h = layerNorm(ops, w, l + "layer_norm1", x);
        Tensor q = Linear.of(l + "self_attn.q_proj", d, d).apply(ops, w, h);
        Tensor k = Linear.of(l + "self_attn.k_proj", d, d).apply(ops, w, h);
        Tensor v = Linear.of(l + "self_attn.v_proj", d, d).apply(ops, w, h);
        Tensor o = ops.attention(q, k, v, config.numAttentionHeads(), mask);
        x = ops.add(x, Linear.of(l + "self_attn.out_proj", d, d).apply(ops, w, o));
        h = layerNorm(ops, w, l + "layer_norm2", x);
        h = Linear.of(l + "mlp.fc1", d, config.intermediateSize()).apply(ops, w, h);
        h = config.hiddenAct() == HiddenAct.GELU ? ops.gelu(h) : ops.quickGelu(h);
        h = Linear.of(l + "mlp.fc2", config.intermediateSize(), d).apply(ops, w, h);
        return ops.add(x, h);
    }

    private Tensor layerNorm(Ops ops, Weights w, String prefix, Tensor x) {
        Shape s = Shape.of(config.hiddenSize());
        return ops.layerNorm(x, w.get(prefix + ".weight", s), w.get(prefix + ".bias", s), (float) config.layerNormEps());
    }

    /**
     * The pooled output (spec 8.3): per sequence, the row of {@code lastHidden} at the EOS position —
     * the first maximum id when the config's eos id is the stale default 2, else the first id equal
     * to the eos id (position 0 if there is none).
     */
    public static HostTensor pooledOutput(HostTensor lastHidden, HostTensor inputIds, ClipTextConfig config) {
        Shape s = lastHidden.shape();
        int batch = s.dim(0);
        int len = s.dim(1);
        int d = s.dim(2);
        long[] ids = inputIds.toLongArray();
        float[] h = lastHidden.toFloatArray();
        float[] out = new float[batch * d];
        for (int b = 0; b < batch; b++) {
            int pos = 0;
            for (int j = 0; j < len; j++) {
                long id = ids[b * len + j];
                if (config.eosTokenId() == 2 ? id > ids[b * len + pos] : id == config.eosTokenId()) {
                    pos = j;
                    if (config.eosTokenId() != 2) {
                        break;
                    }
                }
            }
            System.arraycopy(h, (b * len + pos) * d, out, b * d, d);
        }
        return HostTensor.of(Shape.of(batch, d), out);
    }
}
