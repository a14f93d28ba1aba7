package dev.wuerstchen.backend.nd4j;

import dev.wuerstchen.api.ops.BinaryFn;
import dev.wuerstchen.api.ops.UnaryFn;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Element-wise kernels; each returns a fresh C-order array and leaves its arguments alone. */
final class Elementwise {

    /** 1/√2 rounded to float, as PyTorch's GELU kernel uses it. */
    private static final float SQRT1_2 = (float) (1 / Math.sqrt(2));
    private static final float QUICK_GELU_FACTOR = 1.702f;

    private Elementwise() {
    }

    static INDArray unary(UnaryFn fn, INDArray x) {
        return switch (fn) {
            case GELU -> gelu(x);
            case QUICK_GELU -> timesSigmoid(x, QUICK_GELU_FACTOR);
            case SILU -> timesSigmoid(x, 1f);
            case SIGMOID -> Transforms.sigmoid(x, true);
            case ABS -> Transforms.abs(x, true);
            case SQRT -> Transforms.sqrt(x, true);
            case SIN -> Transforms.sin(x, true);
            case COS -> Transforms.cos(x, true);
        };
    }

    /**
     * Exact GELU {@code x·½·(1 + erf(x/√2))}. ND4J's own GELU op is the sigmoid approximation
     * {@code x·σ(1.702x)} and its PreciseGELU the tanh approximation (both measured off by up to 1.4e-2),
     * so the erf form is composed from ND4J's erf transform (max abs error 5e-8 on [−6, 6]).
     */
    private static INDArray gelu(INDArray x) {
        INDArray t = x.mul(SQRT1_2);
        Nd4j.exec(new Erf(t, t));
        return t.addi(1f).muli(x).muli(0.5f);
    }

    /** {@code x·σ(factor·x)}. */
    private static INDArray timesSigmoid(INDArray x, float factor) {
        INDArray t = factor == 1f ? x.dup('c') : x.mul(factor);
        return Transforms.sigmoid(t, false).muli(x);
    }

    /** {@code x·factor + offset}. */
    static INDArray affine(INDArray x, float factor, float offset) {
        INDArray t = factor == 1f ? x.dup('c') : x.mul(factor);
        return offset == 0f ? t : t.addi(offset);
    }

    static INDArray leakyRelu(INDArray x, float slope) {
        return Transforms.leakyRelu(x, slope, true);
    }

    /** {@code a ∘ b} broadcast to {@code outShape} (checked by the caller), in a new array. */
    static INDArray binary(BinaryFn fn, INDArray a, INDArray b, long[] outShape) {
        return exec(fn, a, b, NdArrays.floats(outShape));
    }

    /**
     * {@code a ← a ∘ b} where b broadcasts to a's shape; only for a fresh temporary {@code a} that
     * nobody else sees (it saves one allocation in kernels that build a result step by step).
     */
    static INDArray binaryInPlace(BinaryFn fn, INDArray a, INDArray b) {
        return exec(fn, a, b, a);
    }

    private static INDArray exec(BinaryFn fn, INDArray a, INDArray b, INDArray z) {
        int rank = z.rank();
        // equal ranks keep libnd4j's broadcast on its well-trodden path
        INDArray[] in = {NdArrays.withRank(a, rank), NdArrays.withRank(b, rank)};
        INDArray[] out = {z};
        DynamicCustomOp op = switch (fn) {
            case ADD -> new AddOp(in, out);
            case SUB -> new SubOp(in, out);
            case MUL -> new MulOp(in, out);
            case DIV -> new DivOp(in, out);
        };
        Nd4j.exec(op);
        return z;
    }
}
