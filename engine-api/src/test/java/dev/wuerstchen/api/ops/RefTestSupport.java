package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;

/** Shorthands for the hand-computed tests of {@link ReferenceOps}. */
final class RefTestSupport {

    static final ReferenceOps OPS = new ReferenceOps();

    private RefTestSupport() {
    }

    static Tensor t(Shape shape, float... values) {
        return ReferenceOps.of(HostTensor.of(shape, values));
    }

    static Tensor ids(Shape shape, long... values) {
        return ReferenceOps.of(HostTensor.of(shape, values));
    }

    /** 0, 1, 2, … in the given shape. */
    static Tensor arange(int... dims) {
        Shape s = Shape.of(dims);
        float[] v = new float[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return t(s, v);
    }

    static float[] values(Tensor t) {
        return ReferenceOps.toHost(t).toFloatArray();
    }

    static Shape shape(int... dims) {
        return Shape.of(dims);
    }
}
