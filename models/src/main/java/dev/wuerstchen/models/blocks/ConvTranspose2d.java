package dev.wuerstchen.models.blocks;

import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.Shape;

/** {@code nn.ConvTranspose2d} at a key prefix: weight (in, out, k, k) — input channels first — and bias (out). */
public record ConvTranspose2d(String prefix, int in, int out, int kernel, int stride, int padding) {

    public Shape weightShape() {
        return Shape.of(in, out, kernel, kernel);
    }

    public void declare(ParameterManifest.Builder m) {
        m.add(prefix + ".weight", weightShape());
        m.add(prefix + ".bias", out);
    }

    public Tensor apply(Ops ops, Weights w, Tensor x) {
        return ops.convTranspose2d(x, w.get(prefix + ".weight", weightShape()), w.get(prefix + ".bias", Shape.of(out)),
                Conv2dParams.of(stride, padding));
    }
}
