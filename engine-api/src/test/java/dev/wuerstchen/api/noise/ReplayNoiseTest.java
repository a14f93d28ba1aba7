package dev.wuerstchen.api.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayNoiseTest {

    private static final HostTensor A = HostTensor.of(Shape.of(2, 2), new float[] {1, 2, 3, 4});
    private static final HostTensor B = HostTensor.of(Shape.of(3), new float[] {5, 6, 7});

    @Test
    void handsOutTheDrawsInOrder() {
        ReplayNoise noise = ReplayNoise.of(List.of(A, B));
        assertEquals(0, noise.consumed());
        assertSame(A, noise.next(Shape.of(2, 2)));
        assertSame(B, noise.next(Shape.of(3)));
        assertEquals(2, noise.consumed());
        assertEquals(0, noise.remaining());
    }

    @Test
    void aWrongShapeNamesTheDrawAndBothShapes() {
        ReplayNoise noise = ReplayNoise.of(A, B);
        noise.next(Shape.of(2, 2));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> noise.next(Shape.of(1, 3)));
        assertTrue(e.getMessage().contains("draw 1"), e.getMessage());
        assertTrue(e.getMessage().contains("(3)") && e.getMessage().contains("(1,3)"), e.getMessage());
        assertEquals(1, noise.consumed(), "a rejected request does not consume the draw");
    }

    @Test
    void runningOutIsAnErrorThatNamesTheDraw() {
        ReplayNoise noise = ReplayNoise.of(A);
        noise.next(Shape.of(2, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> noise.next(Shape.of(2, 2)));
        assertTrue(e.getMessage().contains("draw 1") && e.getMessage().contains("only 1"), e.getMessage());
    }

    @Test
    void aSupplierIsAskedLazilyByIndex() {
        List<Integer> asked = new ArrayList<>();
        ReplayNoise noise = new ReplayNoise(3, i -> {
            asked.add(i);
            return HostTensor.of(Shape.of(1), new float[] {i});
        });
        assertEquals(List.of(), asked);
        assertEquals(0f, noise.next(Shape.of(1)).getFloat(0));
        assertEquals(1f, noise.next(Shape.of(1)).getFloat(0));
        assertEquals(List.of(0, 1), asked);
        assertEquals(1, noise.remaining());
    }

    @Test
    void rejectsNonFloatDrawsAndMissingOnes() {
        ReplayNoise ints = ReplayNoise.of(HostTensor.of(Shape.of(1), new long[] {1}));
        assertThrows(IllegalStateException.class, () -> ints.next(Shape.of(1)));
        ReplayNoise holes = new ReplayNoise(1, i -> null);
        assertThrows(IllegalStateException.class, () -> holes.next(Shape.of(1)));
        assertThrows(IllegalArgumentException.class, () -> new ReplayNoise(-1, i -> A));
    }
}
