package dev.wuerstchen.models.blocks;

import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.Shape;

/** {@code nn.Linear(in → out)} at a key prefix: weight (out, in), optional bias (out). */
public record Linear(String prefix, int in, int out, boolean bias) {

    public static Linear of(String prefix, int in, int out) {
        return new Linear(prefix, in, out, true);
    }

    public void declare(ParameterManifest.Builder m) {
        m.add(prefix + ".weight", out, in);
        if (bias) {
            m.add(prefix + ".bias", out);
        }
    }

    /** Applies to the last axis of x (..., in). */
    public Tensor apply(Ops ops, Weights w, Tensor x) {
        return ops.linear(x, w.get(prefix + ".weight", Shape.of(out, in)), bias ? w.get(prefix + ".bias", Shape.of(out)) : null);
    }

    /** Applies to the channel vector of every pixel of an NCHW tensor. */
    public Tensor applyPerPixel(Ops ops, Weights w, Tensor x) {
        return ops.permute(apply(ops, w, ops.permute(x, 0, 2, 3, 1)), 0, 3, 1, 2);
    }
}
