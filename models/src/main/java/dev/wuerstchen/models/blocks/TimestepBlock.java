package dev.wuerstchen.models.blocks;

import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.Shape;

/** Spec 4.3: {@code x·(1 + a) + b} with {@code [a, b] = mapper(REMB(r))}. */
public record TimestepBlock(String prefix, int c, int cR) {

    private Linear mapper() {
        return Linear.of(prefix + ".mapper", cR, 2 * c);
    }

    public void declare(ParameterManifest.Builder m) {
        mapper().declare(m);
    }

    /** x (B, c, H, W), rEmbed (B, cR). */
    public Tensor apply(Ops ops, Weights w, Tensor x, Tensor rEmbed) {
        int batch = x.shape().dim(0);
        Tensor m = mapper().apply(ops, w, rEmbed); // (B, 2c)
        Tensor a = ops.reshape(ops.slice(m, 1, 0, c), Shape.of(batch, c, 1, 1));
        Tensor b = ops.reshape(ops.slice(m, 1, c, 2 * c), Shape.of(batch, c, 1, 1));
        return ops.add(ops.mul(x, ops.addScalar(a, 1f)), b);
    }
}
