package dev.wuerstchen.engine.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wuerstchen.api.config.ClipTextConfig;
import dev.wuerstchen.api.config.DecoderConfig;
import dev.wuerstchen.api.config.PriorConfig;
import dev.wuerstchen.api.config.PriorPipelineConstants;
import dev.wuerstchen.api.config.VqganConfig;
import dev.wuerstchen.api.io.AtomicFiles;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.engine.ModelPair.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a Würstchen pair in the diffusers layout that {@code generate --model-dir} reads:
 * {@code wuerstchen-prior/} (model_index.json, prior/, text_encoder/, tokenizer/, scheduler/) and
 * {@code wuerstchen/} (model_index.json, decoder/, vqgan/, text_encoder/, tokenizer/, scheduler/).
 * The configs come from a {@link ModelPairConfigs}, the weights from the caller (the demo model's
 * small random ones, bench's synthetic ones at the published sizes), the tokenizers are the demo's
 * small BPE vocabulary (its ids lie below any text encoder's {@code vocab_size}).
 */
public final class ModelFolderWriter {

    /** Writes the weights file of one network. */
    @FunctionalInterface
    public interface WeightsWriter {
        /**
         * @param role which network (one of {@link ModelPairConfigs#WRITTEN_ROLES}, called in that order)
         * @param manifest every tensor the file must hold, with its shape
         */
        void write(Role role, ParameterManifest manifest, Path file) throws IOException;
    }

    /** Weights file of a diffusers model component and of a transformers text encoder. */
    static final String DIFFUSERS_WEIGHTS = "diffusion_pytorch_model.safetensors";
    static final String TRANSFORMERS_WEIGHTS = "model.safetensors";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ModelFolderWriter() {
    }

    /**
     * Writes both folders under {@code root} (which may exist); files are written one by one, each atomically.
     *
     * @throws IllegalArgumentException before writing anything if the tokenizer's ids do not fit a text encoder
     */
    public static void write(Path root, ModelPairConfigs configs, WeightsWriter weights) throws IOException {
        int ids = DemoVocabulary.create().size();
        for (ClipTextConfig c : List.of(configs.priorTextEncoder(), configs.decoderTextEncoder())) {
            if (ids > c.vocabSize()) {
                throw new IllegalArgumentException("the tokenizer's " + ids + " ids do not fit a text encoder's vocab_size "
                        + c.vocabSize() + ". Give the text encoders a vocabulary of at least " + ids);
            }
        }
        Path prior = root.resolve("wuerstchen-prior");
        PriorPipelineConstants k = configs.priorConstants();
        writeJson(prior.resolve("model_index.json"), Map.of("_class_name", "WuerstchenPriorPipeline", "latent_mean",
                k.latentMean(), "latent_std", k.latentStd(), "resolution_multiple", k.resolutionMultiple()));
        PriorConfig p = configs.prior();
        writeJson(prior.resolve("prior/config.json"), Map.of("_class_name", "WuerstchenPrior", "c_in", p.cIn(), "c",
                p.c(), "c_cond", p.cCond(), "c_r", p.cR(), "depth", p.depth(), "nhead", p.nhead()));
        writeWeights(weights, configs, Role.PRIOR, prior.resolve("prior").resolve(DIFFUSERS_WEIGHTS));
        writeTextEncoder(prior, configs, Role.PRIOR_TEXT_ENCODER, configs.priorTextEncoder(), weights);
        writeScheduler(prior);

        Path decoder = root.resolve("wuerstchen");
        writeJson(decoder.resolve("model_index.json"), Map.of("_class_name", "WuerstchenDecoderPipeline",
                "latent_dim_scale", configs.latentDimScale()));
        writeJson(decoder.resolve("decoder/config.json"), decoderJson(configs.decoder()));
        writeWeights(weights, configs, Role.DECODER, decoder.resolve("decoder").resolve(DIFFUSERS_WEIGHTS));
        VqganConfig v = configs.vqgan();
        writeJson(decoder.resolve("vqgan/config.json"), Map.of("_class_name", "PaellaVQModel", "in_channels",
                v.inChannels(), "out_channels", v.outChannels(), "up_down_scale_factor", v.upDownScaleFactor(), "levels",
                v.levels(), "bottleneck_blocks", v.bottleneckBlocks(), "embed_dim", v.embedDim(), "latent_channels",
                v.latentChannels(), "num_vq_embeddings", v.numVqEmbeddings(), "scale_factor", v.scaleFactor()));
        writeWeights(weights, configs, Role.VQGAN_DECODE, decoder.resolve("vqgan").resolve(DIFFUSERS_WEIGHTS));
        writeTextEncoder(decoder, configs, Role.DECODER_TEXT_ENCODER, configs.decoderTextEncoder(), weights);
        writeScheduler(decoder);
    }

    private static ObjectNode decoderJson(DecoderConfig d) {
        ObjectNode dc = JSON.createObjectNode();
        dc.put("_class_name", "WuerstchenDiffNeXt").put("c_in", d.cIn()).put("c_out", d.cOut()).put("c_r", d.cR())
                .put("patch_size", d.patchSize()).put("c_cond", d.cCond()).put("effnet_embd", d.effnetEmbd())
                .put("clip_embd", d.clipEmbd()).put("kernel_size", d.kernelSize());
        d.cHidden().forEach(dc.putArray("c_hidden")::add);
        d.nhead().forEach(dc.putArray("nhead")::add);
        d.blocks().forEach(dc.putArray("blocks")::add);
        d.levelConfig().forEach(dc.putArray("level_config")::add);
        d.injectEffnet().forEach(dc.putArray("inject_effnet")::add);
        return dc;
    }

    private static void writeTextEncoder(Path pipeline, ModelPairConfigs configs, Role role, ClipTextConfig c,
            WeightsWriter weights) throws IOException {
        writeJson(pipeline.resolve("text_encoder/config.json"), Map.ofEntries(Map.entry("architectures",
                List.of("CLIPTextModel")), Map.entry("hidden_size", c.hiddenSize()), Map.entry("intermediate_size",
                c.intermediateSize()), Map.entry("num_hidden_layers", c.numHiddenLayers()), Map.entry("num_attention_heads",
                c.numAttentionHeads()), Map.entry("max_position_embeddings", c.maxPositionEmbeddings()),
                Map.entry("vocab_size", c.vocabSize()), Map.entry("hidden_act", c.hiddenAct().jsonName()),
                Map.entry("layer_norm_eps", c.layerNormEps()), Map.entry("bos_token_id", c.bosTokenId()),
                Map.entry("eos_token_id", c.eosTokenId()), Map.entry("pad_token_id", c.padTokenId())));
        writeWeights(weights, configs, role, pipeline.resolve("text_encoder").resolve(TRANSFORMERS_WEIGHTS));
        DemoVocabulary.create().writeTo(pipeline.resolve("tokenizer"));
    }

    private static void writeWeights(WeightsWriter weights, ModelPairConfigs configs, Role role, Path file)
            throws IOException {
        weights.write(role, configs.definition(role).manifest(), file);
    }

    private static void writeScheduler(Path pipeline) throws IOException {
        writeJson(pipeline.resolve("scheduler/scheduler_config.json"),
                Map.of("_class_name", "DDPMWuerstchenScheduler", "s", 0.008, "scaler", 1.0));
    }

    static void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.write(file, (JSON.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
