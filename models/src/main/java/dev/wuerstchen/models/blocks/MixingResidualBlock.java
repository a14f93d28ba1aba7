package dev.wuerstchen.models.blocks;

import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.Shape;

/** Spec 4.5: the VQGAN's block, modulated by six learned gammas; replication padding for the depthwise conv. */
public record MixingResidualBlock(String prefix, int c, int hidden) {

    static final float EPS = 1e-6f;

    private Conv2d depthwise() {
        return new Conv2d(prefix + ".depthwise.1", c, c, 3, new Conv2dParams(1, 0, c), true);
    }

    private Linear expand() {
        return Linear.of(prefix + ".channelwise.0", c, hidden);
    }

    private Linear project() {
        return Linear.of(prefix + ".channelwise.2", hidden, c);
    }

    public void declare(ParameterManifest.Builder m) {
        depthwise().declare(m);
        expand().declare(m);
        project().declare(m);
        m.add(prefix + ".gammas", 6);
    }

    public Tensor apply(Ops ops, Weights w, Tensor x) {
        Tensor gammas = w.get(prefix + ".gammas", Shape.of(6));
        Tensor[] g = new Tensor[6];
        for (int i = 0; i < 6; i++) {
            g[i] = ops.slice(gammas, 0, i, i + 1); // (1): broadcasts over NCHW
        }
        Tensor t = ops.add(ops.mul(ops.layerNormChannels(x, EPS), ops.addScalar(g[0], 1f)), g[1]);
        x = ops.add(x, ops.mul(depthwise().apply(ops, w, ops.replicationPad(t, 1)), g[2]));
        t = ops.add(ops.mul(ops.layerNormChannels(x, EPS), ops.addScalar(g[3], 1f)), g[4]);
        Tensor nhwc = ops.permute(t, 0, 2, 3, 1);
        Tensor mixed = ops.permute(project().apply(ops, w, ops.gelu(expand().apply(ops, w, nhwc))), 0, 3, 1, 2);
        return ops.add(x, ops.mul(mixed, g[5]));
    }
}
