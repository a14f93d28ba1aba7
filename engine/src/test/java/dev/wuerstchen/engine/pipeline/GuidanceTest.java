package dev.wuerstchen.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.TestTensors;
import dev.wuerstchen.api.tensor.HostTensor;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class GuidanceTest {

    @Test
    void activeOnlyAboveOne() {
        assertFalse(Guidance.active(0f));
        assertFalse(Guidance.active(1f));
        assertTrue(Guidance.active(1.0001f));
    }

    /** PyTorch rounds once (fused multiply-add); the exact value rounded to float is the oracle. */
    @Test
    void lerpIsTheCorrectlyRoundedFusedForm() {
        HostTensor u = TestTensors.randn(1, 1000);
        HostTensor c = TestTensors.randn(2, 1000);
        for (float w : new float[] {4f, 2.5f, 0.3f, 0.5f}) {
            float[] out = Guidance.lerp(u, c, w).toFloatArray();
            float[] uf = u.toFloatArray();
            float[] cf = c.toFloatArray();
            for (int i = 0; i < out.length; i++) {
                float diff = cf[i] - uf[i]; // rounded once, as in the kernel
                BigDecimal exact = Math.abs(w) < 0.5f
                        ? new BigDecimal(uf[i]).add(new BigDecimal(w).multiply(new BigDecimal(diff)))
                        : new BigDecimal(cf[i]).add(new BigDecimal(w - 1f).multiply(new BigDecimal(diff)));
                assertEquals(Float.parseFloat(exact.toString()), out[i], "w=" + w + " i=" + i);
            }
        }
    }

    @Test
    void combineTakesConditionalRowsFirst() {
        HostTensor cond = HostTensor.of(dev.wuerstchen.api.tensor.Shape.of(1, 2), new float[] {1f, 2f});
        HostTensor uncond = HostTensor.of(dev.wuerstchen.api.tensor.Shape.of(1, 2), new float[] {0f, 0f});
        float[] out = Guidance.combine(HostTensor.concatBatch(cond, uncond), 4f).toFloatArray();
        assertEquals(4f, out[0]);
        assertEquals(8f, out[1]);
    }
}
