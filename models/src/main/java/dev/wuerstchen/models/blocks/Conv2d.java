package dev.wuerstchen.models.blocks;

import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.Shape;

/** {@code nn.Conv2d} at a key prefix: weight (out, in/groups, k, k), optional bias (out). */
public record Conv2d(String prefix, int in, int out, int kernel, Conv2dParams params, boolean bias) {

    /** A 1×1 convolution with bias. */
    public static Conv2d pointwise(String prefix, int in, int out) {
        return new Conv2d(prefix, in, out, 1, Conv2dParams.DEFAULT, true);
    }

    public Shape weightShape() {
        return Shape.of(out, in / params.groups(), kernel, kernel);
    }

    public void declare(ParameterManifest.Builder m) {
        m.add(prefix + ".weight", weightShape());
        if (bias) {
            m.add(prefix + ".bias", out);
        }
    }

    public Tensor apply(Ops ops, Weights w, Tensor x) {
        return ops.conv2d(x, w.get(prefix + ".weight", weightShape()), bias ? w.get(prefix + ".bias", Shape.of(out)) : null,
                params);
    }
}
