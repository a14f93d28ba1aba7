package dev.wuerstchen.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.error.UnsupportedRequestException;
import org.junit.jupiter.api.Test;

/** Spec 10.1–10.2 latent sizes with the published constants and the real decoder (patch 2, 4 levels → 16). */
class SizeRuleTest {

    private final SizeRule published = new SizeRule(42.67, 10.67, 16, 4);

    @Test
    void latentSidesFollowTheSpecExamples() {
        assertEquals(24, published.priorLatent(1024));
        assertEquals(12, published.priorLatent(512));
        assertEquals(18, published.priorLatent(768));
        assertEquals(256, published.decoderLatent(24));
        assertEquals(128, published.decoderLatent(12));
        assertEquals(192, published.decoderLatent(18));
        assertEquals(1024, published.outputSide(1024));
        assertEquals(1536, published.outputSide(1536));
    }

    @Test
    void sizesThatFitAreAccepted() {
        published.check(1024, 1024);
        published.check(512, 768);
        published.check(1000, 1024); // latents 24 → image 1024
    }

    @Test
    void aSizeThatDoesNotFitNamesTheNearestOnes() {
        UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class, () -> published.check(1100, 1024));
        assertTrue(e.getMessage().startsWith("width 1100 does not fit the decoder: its latent side would be 277"), e.getMessage());
        assertTrue(e.getMessage().endsWith("The nearest sizes that work are 1024 and 1152"), e.getMessage());
        UnsupportedRequestException h = assertThrows(UnsupportedRequestException.class, () -> published.check(1024, 0));
        assertTrue(h.getMessage().contains("height 0 is outside 1..4096"), h.getMessage());
    }
}
