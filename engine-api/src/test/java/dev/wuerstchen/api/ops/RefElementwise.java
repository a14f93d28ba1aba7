package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.tensor.Shape;

/** Element-wise reference ops: unary functions, broadcasting binary ops, affine, leaky ReLU. */
final class RefElementwise {

    private static final double SQRT_HALF = Math.sqrt(0.5);

    private RefElementwise() {
    }

    static RefTensor unary(UnaryFn fn, Tensor x) {
        RefTensor a = RefTensor.cast("unary " + fn, x);
        OpShapes.unary(fn, a);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = apply(fn, a.get(i));
        }
        return RefTensor.rounded(a.shape(), out);
    }

    /** The exact definitions of spec 3.3, in double. */
    static double apply(UnaryFn fn, double v) {
        return switch (fn) {
            // erfc form: 1 + erf(v/√2) would cancel to 0 for v below about −8.
            case GELU -> 0.5 * v * Erf.erfc(-v * SQRT_HALF);
            case QUICK_GELU -> v * sigmoid(1.702 * v);
            case SILU -> v * sigmoid(v);
            case SIGMOID -> sigmoid(v);
            case ABS -> Math.abs(v);
            case SQRT -> Math.sqrt(v);
            case SIN -> Math.sin(v);
            case COS -> Math.cos(v);
        };
    }

    private static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }

    static RefTensor binary(BinaryFn fn, Tensor a, Tensor b) {
        String op = "binary " + fn;
        RefTensor x = RefTensor.cast(op, a);
        RefTensor y = RefTensor.cast(op, b);
        Shape out = OpShapes.binary(fn, x, y);
        int[] ia = broadcastIndex(out, x.shape());
        int[] ib = broadcastIndex(out, y.shape());
        double[] v = new double[ia.length];
        for (int i = 0; i < v.length; i++) {
            double p = x.get(ia[i]);
            double q = y.get(ib[i]);
            v[i] = switch (fn) {
                case ADD -> p + q;
                case SUB -> p - q;
                case MUL -> p * q;
                case DIV -> p / q;
            };
        }
        return RefTensor.rounded(out, v);
    }

    /** For every element of {@code out}, the index of the element of {@code in} it reads. */
    static int[] broadcastIndex(Shape out, Shape in) {
        int rank = out.rank();
        int offset = rank - in.rank();
        long[] inStrides = in.strides();
        int[] outDims = out.dims();
        int[] idx = new int[out.size()];
        int[] pos = new int[rank];
        for (int i = 0; i < idx.length; i++) {
            long at = 0;
            for (int d = offset; d < rank; d++) {
                if (in.dim(d - offset) != 1) {
                    at += pos[d] * inStrides[d - offset];
                }
            }
            idx[i] = (int) at;
            increment(pos, outDims);
        }
        return idx;
    }

    /** Advances a row-major multi-index by one. */
    static void increment(int[] pos, int[] dims) {
        for (int d = dims.length - 1; d >= 0; d--) {
            if (++pos[d] < dims[d]) {
                return;
            }
            pos[d] = 0;
        }
    }

    static RefTensor affine(Tensor x, float factor, float offset) {
        RefTensor a = RefTensor.cast("affine", x);
        OpShapes.affine(a);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i) * factor + offset;
        }
        return RefTensor.rounded(a.shape(), out);
    }

    static RefTensor leakyRelu(Tensor x, float slope) {
        RefTensor a = RefTensor.cast("leakyRelu", x);
        OpShapes.leakyRelu(a);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            double v = a.get(i);
            out[i] = v >= 0 ? v : slope * v;
        }
        return RefTensor.rounded(a.shape(), out);
    }
}
