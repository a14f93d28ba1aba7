package dev.wuerstchen.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.ops.AttentionMask;
import dev.wuerstchen.api.ops.BinaryFn;
import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every op checks shapes on entry; the message names the op and the shapes involved. */
class ShapeErrorsTest {

    private final Nd4jOps ops = new Nd4jOps();

    private Tensor t(int... shape) {
        return DTensor.random(1, shape).on(ops);
    }

    private static void fails(String op, Executable call, String... mentions) {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, call);
        assertTrue(e.getMessage().startsWith(op), e.getMessage());
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "'" + m + "' missing in: " + e.getMessage());
        }
    }

    @Test
    void elementwiseAndStructure() {
        fails("add", () -> ops.binary(BinaryFn.ADD, t(2, 3, 4), t(3, 5)), "(2,3,4)", "(3,5)");
        fails("reshape", () -> ops.reshape(t(2, 3), Shape.of(5)), "(2,3)", "(5)");
        fails("permute", () -> ops.permute(t(2, 3, 4), 0, 0, 1), "(2,3,4)", "[0, 0, 1]");
        fails("concat", () -> ops.concat(1, t(2, 3, 4), t(2, 3, 5)), "(2,3,4)", "(2,3,5)");
        fails("slice", () -> ops.slice(t(2, 3), 1, 2, 4), "(2,3)", "[2, 4)");
        fails("softmax", () -> ops.softmax(t(2, 3), 2), "(2,3)");
    }

    @Test
    void linearAlgebraAndConvolutions() {
        fails("linear", () -> ops.linear(t(2, 5), t(4, 6), null), "(2,5)", "(4,6)");
        fails("linear", () -> ops.linear(t(2, 5), t(4, 5), t(5)), "(4)", "(5)");
        fails("matmul", () -> ops.matmul(t(2, 3, 4), t(3, 4, 5)), "(2,3,4)", "(3,4,5)");
        fails("conv2d", () -> ops.conv2d(t(1, 4, 5, 5), t(6, 3, 3, 3), null, Conv2dParams.DEFAULT), "(1,4,5,5)", "(6,3,3,3)");
        fails("conv2d", () -> ops.conv2d(t(1, 4, 5, 5), t(4, 1, 3, 3), null, new Conv2dParams(1, 1, 2)), "(4,1,3,3)");
        fails("conv2d input", () -> ops.conv2d(t(4, 5, 5), t(6, 4, 3, 3), null, Conv2dParams.DEFAULT), "(4,5,5)");
        fails("convTranspose2d", () -> ops.convTranspose2d(t(1, 4, 5, 5), t(3, 2, 2, 2), null, Conv2dParams.of(2, 0)),
                "(1,4,5,5)", "(3,2,2,2)");
    }

    @Test
    void normsAttentionImagesLookups() {
        fails("layerNormChannels", () -> ops.layerNormChannels(t(2, 3), 1e-6f), "(2,3)");
        fails("layerNorm", () -> ops.layerNorm(t(2, 3), t(4), t(4), 1e-5f), "(2,3)", "(4)");
        fails("grn", () -> ops.grn(t(1, 2, 2, 8), t(1, 1, 1, 6), t(1, 1, 1, 6), 1e-6f), "(1,2,2,8)", "(1,1,1,6)");
        fails("attention", () -> ops.attention(t(1, 4, 8), t(1, 5, 8), t(1, 5, 6), 2, AttentionMask.NONE), "(1,5,8)",
                "(1,5,6)");
        fails("attention", () -> ops.attention(t(1, 4, 8), t(1, 5, 8), t(1, 5, 8), 3, AttentionMask.NONE), "(1,4,8)");
        fails("attention", () -> ops.attention(t(1, 4, 8), t(1, 5, 8), t(1, 5, 8), 2, new AttentionMask.Causal(t(1, 4))),
                "(1,4)", "(1,5)");
        fails("pixelShuffle", () -> ops.pixelShuffle(t(1, 6, 2, 2), 2), "(1,6,2,2)");
        fails("pixelUnshuffle", () -> ops.pixelUnshuffle(t(1, 3, 5, 4), 2), "(1,3,5,4)");
        fails("replicationPad", () -> ops.replicationPad(t(3, 4, 4), 1), "(3,4,4)");
        fails("resizeBicubicAntialias", () -> ops.resizeBicubicAntialias(t(3, 4, 4), 2, 2), "(3,4,4)");
        fails("nearestCode", () -> ops.nearestCode(t(1, 4, 2, 2), t(8, 3)), "(1,4,2,2)", "(8,3)");
        Tensor floatIds = t(1, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ops.embedding(t(10, 4), floatIds));
        assertTrue(e.getMessage().startsWith("embedding") && e.getMessage().contains("I64"), e.getMessage());
    }
}
