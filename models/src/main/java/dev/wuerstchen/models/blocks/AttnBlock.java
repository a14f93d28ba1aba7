package dev.wuerstchen.models.blocks;

import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.AttentionMask;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.Shape;

/**
 * Spec 4.4: self-attention over the normalised image tokens, whose keys and values also include
 * the mapped conditioning; residual on the un-normalised input.
 */
public record AttnBlock(String prefix, int c, int cCond, int nhead) {

    static final float EPS = 1e-6f;

    private Linear kvMapper() {
        return Linear.of(prefix + ".kv_mapper.1", cCond, c);
    }

    private Linear projection(String name) {
        return Linear.of(prefix + ".attention." + name, c, c);
    }

    public void declare(ParameterManifest.Builder m) {
        kvMapper().declare(m);
        for (String p : new String[] {"to_q", "to_k", "to_v", "to_out.0"}) {
            projection(p).declare(m);
        }
    }

    /** x (B, c, H, W), cond (B, L, cCond). */
    public Tensor apply(Ops ops, Weights w, Tensor x, Tensor cond) {
        Shape s = x.shape();
        int batch = s.dim(0);
        int h = s.dim(2);
        int wd = s.dim(3);
        Tensor kv = kvMapper().apply(ops, w, ops.silu(cond)); // (B, L, c)
        Tensor normed = ops.layerNormChannels(x, EPS);
        Tensor tokens = ops.permute(ops.reshape(normed, Shape.of(batch, c, h * wd)), 0, 2, 1); // (B, HW, c)
        Tensor kvTokens = ops.concat(1, tokens, kv); // (B, HW + L, c): image tokens first
        Tensor q = projection("to_q").apply(ops, w, tokens);
        Tensor k = projection("to_k").apply(ops, w, kvTokens);
        Tensor v = projection("to_v").apply(ops, w, kvTokens);
        Tensor o = projection("to_out.0").apply(ops, w, ops.attention(q, k, v, nhead, AttentionMask.NONE));
        Tensor back = ops.reshape(ops.permute(o, 0, 2, 1), s);
        return ops.add(x, back);
    }
}
