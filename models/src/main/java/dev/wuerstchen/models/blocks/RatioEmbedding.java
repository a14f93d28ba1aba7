package dev.wuerstchen.models.blocks;

import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;

/**
 * The sinusoidal ratio embedding {@code REMB(r)} of spec 3.8: {@code [sin(a), cos(a)]} with
 * {@code a_j = (10000·r)·f_j}, {@code f_j = exp(−j·ln(10000)/(half−1))}, all in float32 as the
 * reference computes it.
 */
public final class RatioEmbedding {

    private static final float MAX_POSITIONS = 10000f;

    private RatioEmbedding() {
    }

    /**
     * The frequencies f_j as {@code arange(half).float().mul(-emb).exp()} computes them: float32
     * products, exp rounded correctly to float32 (what the golden reference's PyTorch 2.11 does; the
     * spec 12 numbers came from PyTorch 1.13, whose exp put f_1 one ulp lower).
     */
    public static float[] frequencies(int cR) {
        int half = cR / 2;
        float step = (float) (-Math.log(MAX_POSITIONS) / (half - 1));
        float[] f = new float[half];
        for (int j = 0; j < half; j++) {
            f[j] = (float) Math.exp((float) j * step);
        }
        return f;
    }

    /** r (B) → (B, cR). */
    public static Tensor embed(Ops ops, Tensor r, int cR) {
        int batch = r.shape().dim(0);
        int half = cR / 2;
        Tensor scaled = ops.reshape(ops.scale(r, MAX_POSITIONS), Shape.of(batch, 1));
        Tensor freqs = ops.constant(HostTensor.of(Shape.of(1, half), frequencies(cR)));
        Tensor angles = ops.mul(scaled, freqs); // (B, half)
        Tensor emb = ops.concat(1, ops.sin(angles), ops.cos(angles));
        if (cR % 2 == 1) {
            emb = ops.concat(1, emb, ops.constant(HostTensor.zeros(Shape.of(batch, 1))));
        }
        return emb;
    }
}
