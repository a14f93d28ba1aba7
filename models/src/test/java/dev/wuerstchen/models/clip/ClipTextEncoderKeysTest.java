package dev.wuerstchen.models.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.config.ClipTextConfig;
import dev.wuerstchen.api.config.HiddenAct;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The published checkpoints (transformers 4.x) store CLIP keys under {@code text_model.}; transformers 5
 * (which wrote the golden set) stores them without it. Both layouts must be readable.
 */
class ClipTextEncoderKeysTest {

    private static final ClipTextConfig CONFIG = new ClipTextConfig(8, 16, 2, 2, 77, 10, HiddenAct.GELU, 1e-5, 0, 2, 1);

    @Test
    void detectsTheKeyLayoutOfACheckpoint() {
        assertEquals("text_model.", ClipTextEncoder.keyPrefix(Set.of("text_model.embeddings.token_embedding.weight",
                "text_model.final_layer_norm.weight")));
        assertEquals("", ClipTextEncoder.keyPrefix(Set.of("embeddings.token_embedding.weight", "final_layer_norm.weight")));
    }

    @Test
    void manifestFollowsThePrefix() {
        var published = new ClipTextEncoder("te", CONFIG, ClipTextEncoder.TRANSFORMERS4_PREFIX).manifest();
        var flat = new ClipTextEncoder("te", CONFIG, "").manifest();
        assertEquals(published.parameters().size(), flat.parameters().size());
        assertEquals(Shape.of(10, 8), published.shapeOf("text_model.embeddings.token_embedding.weight"));
        assertEquals(Shape.of(10, 8), flat.shapeOf("embeddings.token_embedding.weight"));
        assertTrue(flat.parameters().keySet().stream().noneMatch(k -> k.startsWith("text_model.")));
        assertTrue(published.parameters().keySet().stream().allMatch(k -> k.startsWith("text_model.")));
        assertTrue(published.ignorable().test("text_model.embeddings.position_ids"));
        assertTrue(flat.ignorable().test("embeddings.position_ids"));
    }
}
