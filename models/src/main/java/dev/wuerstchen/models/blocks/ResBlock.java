package dev.wuerstchen.models.blocks;

import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.Shape;

/**
 * The ConvNeXt-style residual block of spec 4.1 (prior, {@code cSkip = 0}) and 4.2 (decoder's
 * ResBlockStageB, skip concatenated after the depthwise conv and norm):
 * {@code x + Linear(GRN(GELU(Linear(CLN(DWConv(x)) ⊕ skip))))}.
 */
public record ResBlock(String prefix, int c, int cSkip, int kernel) {

    static final float EPS = 1e-6f;

    private Conv2d depthwise() {
        return new Conv2d(prefix + ".depthwise", c, c, kernel, new Conv2dParams(1, kernel / 2, c), true);
    }

    private Linear expand() {
        return Linear.of(prefix + ".channelwise.0", c + cSkip, 4 * c);
    }

    private Linear project() {
        return Linear.of(prefix + ".channelwise.4", 4 * c, c);
    }

    public void declare(ParameterManifest.Builder m) {
        depthwise().declare(m);
        expand().declare(m);
        m.add(prefix + ".channelwise.2.gamma", 1, 1, 1, 4 * c);
        m.add(prefix + ".channelwise.2.beta", 1, 1, 1, 4 * c);
        project().declare(m);
    }

    /** x (B, c, H, W), skip (B, cSkip, H, W) or null when {@code cSkip == 0}. */
    public Tensor apply(Ops ops, Weights w, Tensor x, Tensor skip) {
        Tensor h = ops.layerNormChannels(depthwise().apply(ops, w, x), EPS);
        if (skip != null) {
            h = ops.concat(1, h, skip);
        }
        Tensor t = ops.permute(h, 0, 2, 3, 1); // (B, H, W, c + cSkip)
        t = ops.gelu(expand().apply(ops, w, t));
        Shape g = Shape.of(1, 1, 1, 4 * c);
        t = ops.grn(t, w.get(prefix + ".channelwise.2.gamma", g), w.get(prefix + ".channelwise.2.beta", g), EPS);
        t = project().apply(ops, w, t);
        return ops.add(ops.permute(t, 0, 3, 1, 2), x);
    }
}
