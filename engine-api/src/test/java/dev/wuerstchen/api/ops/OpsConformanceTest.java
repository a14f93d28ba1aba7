package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.tensor.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite every {@link Ops} implementation inherits (published in engine-api's
 * test-jar). A backend module subclasses it and supplies {@link #ops()}, {@link #input} and
 * {@link #output}; every case runs one op on seeded N(0,1) inputs and compares the result with
 * {@link ReferenceOps} (relative L2 ≤ 1e-5 plus a max-abs bound), and the shape-error cases require a
 * {@link dev.wuerstchen.api.error.ShapeMismatchException} whose message names the shapes involved.
 *
 * <pre>{@code
 * class Nd4jOpsConformanceTest extends OpsConformanceTest {
 *     protected Ops ops() { return ops; }
 *     protected Tensor input(HostTensor value) { return ops.constant(value); }
 *     protected HostTensor output(Tensor result) { return Nd4jTensors.toHost(result); }
 * }
 * }</pre>
 *
 * <p>Besides mismatched tensors, the suite treats arguments that do not fit a tensor's shape as
 * shape errors too: a negative or out-of-range axis, a non-permutation, an empty or out-of-range
 * slice, heads not dividing the width, an image op on a tensor that is not rank 4. Inputs of the
 * value cases avoid the choices the {@link Ops} Javadoc leaves open (fully masked attention rows,
 * keyPadding values other than 0 and 1, nearest-code ties other than the dedicated case).
 *
 * <p>The value cases live in the superclasses {@link ElementwiseConformance} and
 * {@link LayerConformance} only to keep files small.
 */
public abstract class OpsConformanceTest extends LayerConformance {

    private static Shape s(int... dims) {
        return Shape.of(dims);
    }

    @Test
    public void binaryRejectsShapesThatDoNotBroadcast() {
        Random r = rng(201);
        assertShapeMismatch("add (2,3) + (4)", () -> ops().add(in(randn(r, 2, 3)), in(randn(r, 4))), s(2, 3), s(4));
        assertShapeMismatch("mul (2,3,4) · (3,1,5)",
                () -> ops().mul(in(randn(r, 2, 3, 4)), in(randn(r, 3, 1, 5))), s(2, 3, 4), s(3, 1, 5));
    }

    @Test
    public void reshapeRejectsAnotherElementCount() {
        assertShapeMismatch("reshape (2,3) to (4,2)", () -> ops().reshape(in(randn(rng(202), 2, 3)), s(4, 2)),
                s(2, 3), s(4, 2));
    }

    @Test
    public void permuteRejectsWhatIsNotAPermutation() {
        Random r = rng(203);
        assertShapeMismatch("permute repeated axis", () -> ops().permute(in(randn(r, 2, 3, 4)), 0, 1, 1), s(2, 3, 4));
        assertShapeMismatch("permute wrong length", () -> ops().permute(in(randn(r, 2, 3, 4)), 1, 0), s(2, 3, 4));
    }

    @Test
    public void concatRejectsDifferentOtherDimensions() {
        Random r = rng(204);
        assertShapeMismatch("concat (2,3,4) and (2,3,5) on axis 1",
                () -> ops().concat(1, in(randn(r, 2, 3, 4)), in(randn(r, 2, 3, 5))), s(2, 3, 4), s(2, 3, 5));
    }

    @Test
    public void sliceRejectsRangesOutsideTheAxis() {
        Random r = rng(205);
        assertShapeMismatch("slice [2,6) of 5", () -> ops().slice(in(randn(r, 2, 5)), 1, 2, 6), s(2, 5));
        assertShapeMismatch("slice axis 2 of rank 2", () -> ops().slice(in(randn(r, 2, 5)), 2, 0, 1), s(2, 5));
    }

    @Test
    public void linearRejectsWrongInputWidth() {
        Random r = rng(206);
        assertShapeMismatch("linear x (2,5), weight (3,4)",
                () -> ops().linear(in(randn(r, 2, 5)), in(randn(r, 3, 4)), null), s(2, 5), s(3, 4));
        assertShapeMismatch("linear bias (4) for weight (3,5)",
                () -> ops().linear(in(randn(r, 2, 5)), in(randn(r, 3, 5)), in(randn(r, 4))), s(3, 5), s(4));
    }

    @Test
    public void matmulRejectsMismatchedInnerOrLeadingDimensions() {
        Random r = rng(207);
        assertShapeMismatch("matmul K 4 vs 5",
                () -> ops().matmul(in(randn(r, 2, 3, 4)), in(randn(r, 2, 5, 6))), s(2, 3, 4), s(2, 5, 6));
        assertShapeMismatch("matmul batch 2 vs 3",
                () -> ops().matmul(in(randn(r, 2, 3, 4)), in(randn(r, 3, 4, 6))), s(2, 3, 4), s(3, 4, 6));
    }

    @Test
    public void conv2dRejectsChannelAndGroupMismatches() {
        Random r = rng(208);
        assertShapeMismatch("conv2d x 3 channels, weight for 2",
                () -> ops().conv2d(in(randn(r, 1, 3, 5, 5)), in(randn(r, 4, 2, 3, 3)), null, Conv2dParams.DEFAULT),
                s(1, 3, 5, 5), s(4, 2, 3, 3));
        assertShapeMismatch("conv2d 4 channels in 3 groups",
                () -> ops().conv2d(in(randn(r, 1, 4, 5, 5)), in(randn(r, 6, 2, 3, 3)), null, new Conv2dParams(1, 1, 3)),
                s(1, 4, 5, 5), s(6, 2, 3, 3));
        assertShapeMismatch("conv2d bias (3) for 4 outputs",
                () -> ops().conv2d(in(randn(r, 1, 2, 5, 5)), in(randn(r, 4, 2, 3, 3)), in(randn(r, 3)),
                        Conv2dParams.DEFAULT), s(4, 2, 3, 3), s(3));
    }

    @Test
    public void convTranspose2dRejectsWrongInputChannels() {
        Random r = rng(209);
        assertShapeMismatch("convTranspose2d x 3 channels, weight for 4",
                () -> ops().convTranspose2d(in(randn(r, 1, 3, 4, 4)), in(randn(r, 4, 2, 2, 2)), null,
                        Conv2dParams.of(2, 0)), s(1, 3, 4, 4), s(4, 2, 2, 2));
    }

    @Test
    public void normsRejectWrongParameterSizes() {
        Random r = rng(210);
        assertShapeMismatch("layerNorm gamma (6) for D 8",
                () -> ops().layerNorm(in(randn(r, 2, 8)), in(randn(r, 6)), in(randn(r, 6)), 1e-5f), s(2, 8), s(6));
        assertShapeMismatch("grn gamma with 5 elements for C 4",
                () -> ops().grn(in(randn(r, 1, 2, 2, 4)), in(randn(r, 1, 1, 1, 5)), in(randn(r, 1, 1, 1, 5)), 1e-6f),
                s(1, 2, 2, 4), s(1, 1, 1, 5));
        assertShapeMismatch("layerNormChannels on rank 3", () -> ops().layerNormChannels(in(randn(r, 2, 3, 4)), 1e-6f),
                s(2, 3, 4));
    }

    @Test
    public void softmaxRejectsAxisOutOfRange() {
        assertShapeMismatch("softmax axis 3 of rank 3", () -> ops().softmax(in(randn(rng(211), 2, 3, 4)), 3), s(2, 3, 4));
    }

    @Test
    public void attentionRejectsMismatchedInputs() {
        Random r = rng(212);
        assertShapeMismatch("attention k width 6 vs q width 8",
                () -> ops().attention(in(randn(r, 1, 3, 8)), in(randn(r, 1, 4, 6)), in(randn(r, 1, 4, 6)), 2,
                        AttentionMask.NONE), s(1, 3, 8), s(1, 4, 6));
        assertShapeMismatch("attention v (1,5,8) vs k (1,4,8)",
                () -> ops().attention(in(randn(r, 1, 3, 8)), in(randn(r, 1, 4, 8)), in(randn(r, 1, 5, 8)), 2,
                        AttentionMask.NONE), s(1, 4, 8), s(1, 5, 8));
        assertShapeMismatch("attention 3 heads for width 8",
                () -> ops().attention(in(randn(r, 1, 3, 8)), in(randn(r, 1, 4, 8)), in(randn(r, 1, 4, 8)), 3,
                        AttentionMask.NONE), s(1, 3, 8));
        assertShapeMismatch("attention keyPadding (1,3) for 4 keys",
                () -> ops().attention(in(randn(r, 1, 4, 8)), in(randn(r, 1, 4, 8)), in(randn(r, 1, 4, 8)), 2,
                        new AttentionMask.Causal(in(floats(s(1, 3), 1, 1, 0)))), s(1, 3));
    }

    @Test
    public void imageOpsRejectIndivisibleOrWrongRankInputs() {
        Random r = rng(213);
        assertShapeMismatch("pixelUnshuffle 2 of odd height", () -> ops().pixelUnshuffle(in(randn(r, 1, 2, 5, 4)), 2),
                s(1, 2, 5, 4));
        assertShapeMismatch("pixelShuffle 2 of 6 channels", () -> ops().pixelShuffle(in(randn(r, 1, 6, 2, 2)), 2),
                s(1, 6, 2, 2));
        assertShapeMismatch("replicationPad of rank 3", () -> ops().replicationPad(in(randn(r, 2, 3, 4)), 1),
                s(2, 3, 4));
        assertShapeMismatch("resize of rank 3", () -> ops().resizeBicubicAntialias(in(randn(r, 2, 3, 4)), 2, 2),
                s(2, 3, 4));
    }

    @Test
    public void negativeAxesAndWrongElementTypesAreShapeErrors() {
        // Rules the Ops Javadoc settles (OpShapes): no NumPy-style negative axes; float32 except for
        // the structural ops and embedding ids.
        Random r = rng(215);
        assertShapeMismatch("softmax axis -1", () -> ops().softmax(in(randn(r, 2, 3)), -1), s(2, 3));
        assertShapeMismatch("concat axis -1", () -> ops().concat(-1, in(randn(r, 2, 3)), in(randn(r, 2, 3))), s(2, 3));
        assertShapeMismatch("sin of int64", () -> ops().sin(in(ids(r, 5, 2, 3))), s(2, 3));
        assertShapeMismatch("pixelShuffle of int64", () -> ops().pixelShuffle(in(ids(r, 5, 1, 4, 2, 2)), 2),
                s(1, 4, 2, 2));
    }

    @Test
    public void lookupsRejectWrongWidths() {
        Random r = rng(214);
        assertShapeMismatch("nearestCode codebook width 3 for 4 channels",
                () -> ops().nearestCode(in(randn(r, 1, 4, 2, 2)), in(randn(r, 5, 3))), s(1, 4, 2, 2), s(5, 3));
        assertShapeMismatch("embedding table of rank 3",
                () -> ops().embedding(in(randn(r, 2, 3, 4)), in(ids(r, 2, 5))), s(2, 3, 4));
    }
}
