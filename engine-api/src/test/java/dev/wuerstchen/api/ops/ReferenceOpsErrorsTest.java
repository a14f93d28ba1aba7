package dev.wuerstchen.api.ops;

import static dev.wuerstchen.api.ops.RefTestSupport.OPS;
import static dev.wuerstchen.api.ops.RefTestSupport.arange;
import static dev.wuerstchen.api.ops.RefTestSupport.ids;
import static dev.wuerstchen.api.ops.RefTestSupport.shape;
import static dev.wuerstchen.api.ops.RefTestSupport.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Error cases of the reference: the exception type and a message naming the op and what is wrong. */
class ReferenceOpsErrorsTest {

    private static String shapeError(Executable call) {
        return assertThrows(ShapeMismatchException.class, call).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + p + "' missing in: " + message);
        }
    }

    @Test
    void messagesNameTheOpAndBothShapes() {
        assertContains(shapeError(() -> OPS.add(arange(2, 3), arange(4))), "binary ADD", "(2,3)", "(4)");
        assertContains(shapeError(() -> OPS.matmul(arange(2, 3), arange(4, 2))), "matmul", "(2,3)", "(4,2)");
        assertContains(shapeError(() -> OPS.conv2d(arange(1, 3, 4, 4), arange(2, 2, 3, 3), null, Conv2dParams.DEFAULT)),
                "conv2d", "(1,3,4,4)", "(2,2,3,3)");
        assertContains(shapeError(() -> OPS.linear(arange(2, 5), arange(3, 4), null)), "linear", "(2,5)", "(3,4)");
        assertContains(shapeError(() -> OPS.reshape(arange(2, 3), shape(7))), "reshape", "(2,3)", "(7)");
        assertContains(shapeError(() -> OPS.concat(0, arange(2, 3), arange(2, 4))), "concat", "(2,3)", "(2,4)");
    }

    @Test
    void argumentsThatDoNotFitTheShapeAreShapeErrors() {
        assertContains(shapeError(() -> OPS.permute(arange(2, 3), 0, 0)), "permute", "[0, 0]");
        assertContains(shapeError(() -> OPS.slice(arange(2, 3), 1, 2, 2)), "slice", "[2, 2)");
        assertContains(shapeError(() -> OPS.softmax(arange(2, 3), -1)), "softmax", "axis -1");
        assertContains(shapeError(() -> OPS.pixelShuffle(arange(1, 2, 2, 2), 2)), "pixelShuffle", "(1,2,2,2)");
        assertContains(shapeError(() -> OPS.conv2d(arange(1, 1, 2, 2), arange(1, 1, 3, 3), null, Conv2dParams.DEFAULT)),
                "conv2d", "(1,1,3,3)");
        assertContains(shapeError(() -> OPS.attention(arange(1, 2, 6), arange(1, 2, 6), arange(1, 2, 6), 4,
                AttentionMask.NONE)), "attention", "4 heads", "(1,2,6)");
        assertContains(shapeError(() -> OPS.sin(ids(shape(2), 1, 2))), "unary SIN", "I64");
    }

    @Test
    void embeddingRejectsIdsOutsideTheTable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPS.embedding(arange(4, 3), ids(shape(3), 0, 4, 1)));
        assertContains(e.getMessage(), "embedding", "id 4", "position 1", "[0, 4)");
        assertThrows(IllegalArgumentException.class, () -> OPS.embedding(arange(4, 3), ids(shape(1), -1)));
        assertContains(shapeError(() -> OPS.embedding(arange(4, 3), arange(2))), "embedding", "int64");
    }

    @Test
    void keyPaddingMustBeZeroOrOne() {
        Tensor q = arange(1, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPS.attention(q, q, q, 1, new AttentionMask.Causal(t(shape(1, 2), 1, 0.5f))));
        assertContains(e.getMessage(), "keyPadding", "0.5");
    }

    @Test
    void layerNormNeedsBothOrNeitherAffineParameter() {
        assertThrows(IllegalArgumentException.class, () -> OPS.layerNorm(arange(2, 3), arange(3), null, 1e-5f));
    }

    @Test
    void transposedConvolutionRejectsGroups() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OPS.convTranspose2d(arange(1, 2, 2, 2), arange(2, 2, 2, 2), null, new Conv2dParams(2, 0, 2)));
        assertContains(e.getMessage(), "convTranspose2d", "groups");
    }

    @Test
    void foreignTensorsAreRejectedWithAHint() {
        Tensor foreign = new Tensor() {
            @Override
            public Shape shape() {
                return Shape.of(2);
            }

            @Override
            public DType dtype() {
                return DType.F32;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OPS.abs(foreign));
        assertContains(e.getMessage(), "unary ABS", "ReferenceOps.of");
        assertEquals(Shape.of(2), foreign.shape());
    }
}
