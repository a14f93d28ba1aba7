package dev.wuerstchen.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wuerstchen.api.config.ClipTextConfig;
import dev.wuerstchen.api.config.DecoderConfig;
import dev.wuerstchen.api.config.HiddenAct;
import dev.wuerstchen.api.config.PriorConfig;
import dev.wuerstchen.api.config.VqganConfig;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.models.clip.ClipTextEncoder;
import dev.wuerstchen.models.decoder.WuerstchenDiffNeXt;
import dev.wuerstchen.models.prior.WuerstchenPrior;
import dev.wuerstchen.models.vqgan.PaellaVqNetwork;
import org.junit.jupiter.api.Test;

/**
 * The manifests built from the published configs against the tensor counts and parameter totals of
 * spec 2.4 and key names and shapes quoted in spec sections 5–7 (which were checked against the
 * real modules).
 */
class PublishedManifestTest {

    static final ClipTextConfig BIG_G = new ClipTextConfig(1280, 5120, 32, 20, 77, 49408, HiddenAct.GELU, 1e-5, 0, 2, 1);
    static final ClipTextConfig VIT_H = new ClipTextConfig(1024, 4096, 24, 16, 77, 49408, HiddenAct.GELU, 1e-5, 0, 2, 1);

    @Test
    void prior() {
        ParameterManifest m = new WuerstchenPrior(PriorConfig.PUBLISHED).manifest();
        assertEquals(648, m.parameters().size());
        assertEquals(993_636_896L, m.elementCount());
        assertEquals(Shape.of(1536, 1, 3, 3), m.shapeOf("blocks.0.depthwise.weight"));
        assertEquals(Shape.of(3072, 64), m.shapeOf("blocks.94.mapper.weight"));
        assertEquals(Shape.of(1536), m.shapeOf("blocks.95.attention.to_out.0.bias"));
        assertEquals(Shape.of(1, 1, 1, 6144), m.shapeOf("blocks.3.channelwise.2.gamma"));
        assertEquals(Shape.of(32, 1536, 1, 1), m.shapeOf("out.1.weight"));
    }

    @Test
    void decoder() {
        ParameterManifest m = new WuerstchenDiffNeXt(DecoderConfig.PUBLISHED).manifest();
        assertEquals(990, m.parameters().size());
        assertEquals(1_055_365_280L, m.elementCount());
        assertEquals(Shape.of(1280, 1280), m.shapeOf("down_blocks.2.3.attention.to_k.weight"));
        assertEquals(Shape.of(5120, 3584), m.shapeOf("up_blocks.1.0.channelwise.0.weight"));
        assertEquals(Shape.of(640, 64), m.shapeOf("up_blocks.3.1.mapper.weight"));
        assertEquals(Shape.of(2560, 1664), m.shapeOf("down_blocks.1.1.channelwise.0.weight"));
        assertEquals(Shape.of(5120, 2304), m.shapeOf("up_blocks.0.0.channelwise.0.weight"));
        assertEquals(Shape.of(2560, 2304), m.shapeOf("up_blocks.2.0.channelwise.0.weight"));
        assertEquals(Shape.of(1280, 640), m.shapeOf("up_blocks.3.0.channelwise.0.weight"));
        assertEquals(Shape.of(1280, 1280, 2, 2), m.shapeOf("up_blocks.0.12.1.weight"));
        assertEquals(Shape.of(1280, 640, 2, 2), m.shapeOf("up_blocks.1.42.1.weight"));
        assertEquals(Shape.of(640, 320, 2, 2), m.shapeOf("up_blocks.2.12.1.weight"));
        assertEquals(Shape.of(640, 320, 2, 2), m.shapeOf("down_blocks.1.0.1.weight"));
        assertEquals(Shape.of(1024, 16, 1, 1), m.shapeOf("effnet_mappers.6.weight"));
        assertEquals(null, m.shapeOf("effnet_mappers.0.weight"));
        assertEquals(null, m.shapeOf("effnet_mappers.7.weight"));
        assertEquals(Shape.of(32, 320, 1, 1), m.shapeOf("clf.1.weight"));
    }

    @Test
    void vqgan() {
        ParameterManifest m = new PaellaVqNetwork(VqganConfig.PUBLISHED, PaellaVqNetwork.Mode.DECODE).manifest();
        // spec 2.4 counts 122 tensors and 18,406,903 elements including BatchNorm's num_batches_tracked buffer
        assertEquals(121, m.parameters().size());
        assertEquals(18_406_902L, m.elementCount());
        assertEquals(Shape.of(384, 4, 1, 1), m.shapeOf("up_blocks.0.0.weight"));
        assertEquals(Shape.of(384, 192, 4, 4), m.shapeOf("up_blocks.13.weight"));
        assertEquals(Shape.of(192), m.shapeOf("up_blocks.13.bias"));
        assertEquals(Shape.of(6), m.shapeOf("up_blocks.14.gammas"));
        assertEquals(Shape.of(12, 192, 1, 1), m.shapeOf("out_block.0.weight"));
        assertEquals(Shape.of(4, 384, 1, 1), m.shapeOf("down_blocks.3.0.weight"));
        assertEquals(null, m.shapeOf("down_blocks.3.0.bias"));
        assertEquals(Shape.of(8192, 4), m.shapeOf("vquantizer.embedding.weight"));
        assertEquals(true, m.ignorable().test("down_blocks.3.1.num_batches_tracked"));
    }

    @Test
    void textEncoders() {
        ParameterManifest g = new ClipTextEncoder("prior-text-encoder", BIG_G, ClipTextEncoder.TRANSFORMERS4_PREFIX).manifest();
        assertEquals(516, g.parameters().size());
        assertEquals(693_021_440L, g.elementCount());
        ParameterManifest h = new ClipTextEncoder("decoder-text-encoder", VIT_H, ClipTextEncoder.TRANSFORMERS4_PREFIX).manifest();
        assertEquals(388, h.parameters().size());
        assertEquals(352_984_064L, h.elementCount());
        assertEquals(true, h.ignorable().test("text_model.embeddings.position_ids"));
        assertEquals(Shape.of(49408, 1024), h.shapeOf("text_model.embeddings.token_embedding.weight"));
        assertEquals(Shape.of(4096, 1024), h.shapeOf("text_model.encoder.layers.23.mlp.fc1.weight"));
    }
}
