package dev.wuerstchen.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.api.tensor.TensorMath;
import java.util.Random;

/** Seeded test tensors and one comparison helper, shared through engine-api's test-jar. */
public final class TestTensors {

    private TestTensors() {
    }

    /** N(0, 1) values from {@code new Random(seed)}. */
    public static HostTensor randn(long seed, int... dims) {
        Random r = new Random(seed);
        Shape s = Shape.of(dims);
        float[] v = new float[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return HostTensor.of(s, v);
    }

    /** Asserts equal shapes and a relative L2 error within {@code tolerance}; returns the error. */
    public static double assertClose(String what, HostTensor expected, HostTensor actual, double tolerance) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        double err = TensorMath.relativeL2(actual.toFloatArray(), expected.toFloatArray());
        assertTrue(err <= tolerance, what + ": relative L2 error " + err + " > " + tolerance);
        return err;
    }
}
