package dev.wuerstchen.engine.demo;

import dev.wuerstchen.api.config.ClipTextConfig;
import dev.wuerstchen.api.config.DecoderConfig;
import dev.wuerstchen.api.config.PriorConfig;
import dev.wuerstchen.api.config.PriorPipelineConstants;
import dev.wuerstchen.api.config.VqganConfig;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.engine.ModelPair.Role;
import dev.wuerstchen.models.clip.ClipTextEncoder;
import dev.wuerstchen.models.decoder.WuerstchenDiffNeXt;
import dev.wuerstchen.models.prior.WuerstchenPrior;
import dev.wuerstchen.models.vqgan.PaellaVqNetwork;
import java.util.List;
import java.util.Objects;

/**
 * Everything the config files of a Würstchen pair say: what {@link ModelFolderWriter} writes into
 * {@code wuerstchen-prior/} and {@code wuerstchen/}.
 *
 * @param latentDimScale the decoder pipeline's {@code latent_dim_scale}
 */
public record ModelPairConfigs(PriorPipelineConstants priorConstants, PriorConfig prior, ClipTextConfig priorTextEncoder,
        double latentDimScale, DecoderConfig decoder, VqganConfig vqgan, ClipTextConfig decoderTextEncoder) {

    /** The roles whose weights a pair folder holds, in the order {@link ModelFolderWriter} writes them. */
    public static final List<Role> WRITTEN_ROLES = List.of(Role.PRIOR, Role.PRIOR_TEXT_ENCODER, Role.DECODER,
            Role.VQGAN_DECODE, Role.DECODER_TEXT_ENCODER);

    /** The configurations of warp-ai/wuerstchen-prior and warp-ai/wuerstchen (spec 2). */
    public static final ModelPairConfigs PUBLISHED = new ModelPairConfigs(PriorPipelineConstants.PUBLISHED,
            PriorConfig.PUBLISHED, ClipTextConfig.PUBLISHED_PRIOR, 10.67, DecoderConfig.PUBLISHED, VqganConfig.PUBLISHED,
            ClipTextConfig.PUBLISHED_DECODER);

    public ModelPairConfigs {
        Objects.requireNonNull(priorConstants, "priorConstants");
        Objects.requireNonNull(prior, "prior");
        Objects.requireNonNull(priorTextEncoder, "priorTextEncoder");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(vqgan, "vqgan");
        Objects.requireNonNull(decoderTextEncoder, "decoderTextEncoder");
        if (!(latentDimScale > 0)) {
            throw new IllegalArgumentException("latent_dim_scale must be positive, got " + latentDimScale
                    + ". Give the decoder pipeline's scale from latents to Stage B latents (10.67 in the published model)");
        }
    }

    /**
     * The network whose weights file the folder holds for a role, with the key layout this writer
     * uses (transformers 4's {@code text_model.} prefix for the text encoders). The VQGAN's decode
     * network names every tensor of the file.
     */
    public NetworkDefinition definition(Role role) {
        return switch (role) {
            case PRIOR -> new WuerstchenPrior(prior);
            case PRIOR_TEXT_ENCODER -> new ClipTextEncoder("text-encoder", priorTextEncoder,
                    ClipTextEncoder.TRANSFORMERS4_PREFIX);
            case DECODER -> new WuerstchenDiffNeXt(decoder);
            case VQGAN_DECODE -> new PaellaVqNetwork(vqgan, PaellaVqNetwork.Mode.DECODE);
            case DECODER_TEXT_ENCODER -> new ClipTextEncoder("text-encoder", decoderTextEncoder,
                    ClipTextEncoder.TRANSFORMERS4_PREFIX);
            case VQGAN_ENCODE, VQGAN_QUANTIZE -> throw new IllegalArgumentException(role
                    + " has no weights file of its own; the VQGAN's file is written for " + Role.VQGAN_DECODE);
        };
    }

    /** Parameters of all the weights files together. */
    public long parameterCount() {
        return WRITTEN_ROLES.stream().mapToLong(r -> definition(r).manifest().elementCount()).sum();
    }
}
