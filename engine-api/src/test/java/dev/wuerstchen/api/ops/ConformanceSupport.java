package dev.wuerstchen.api.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.api.tensor.TensorMath;
import java.util.Random;
import org.junit.jupiter.api.function.Executable;

/**
 * Plumbing of {@link OpsConformanceTest}: how a backend is plugged in, and the comparison of one
 * op call on the backend with the same call on {@link ReferenceOps}.
 */
public abstract class ConformanceSupport {

    private static final Ops REFERENCE = new ReferenceOps();

    /** The implementation under test. */
    protected abstract Ops ops();

    /** Makes an input of the backend under test from host values. */
    protected abstract Tensor input(HostTensor value);

    /** Reads a result of the backend under test (running it first, for a recording backend). */
    protected abstract HostTensor output(Tensor result);

    /**
     * Largest accepted {@code ‖backend − reference‖₂ / ‖reference‖₂}. float32 backends meet 1e-5;
     * override only for a documented reason (e.g. reduced-precision hardware).
     */
    protected double relativeTolerance() {
        return 1e-5;
    }

    /**
     * Largest accepted single-element error, relative to {@code max(1, max |reference|)}: catches a
     * few wrong elements (borders, one head) that a relative L2 over many elements could hide.
     */
    protected double absoluteTolerance() {
        return 10 * relativeTolerance();
    }

    /** One op call, written once and run on both implementations. */
    @FunctionalInterface
    protected interface OpCall {
        Tensor apply(Ops ops, Tensor[] in);
    }

    /**
     * Runs {@code call} on the reference and on the backend with the same inputs and compares: static
     * shape and dtype, values (relative L2 and max abs), and that the host inputs were not changed.
     */
    protected final void assertMatchesReference(String what, OpCall call, HostTensor... inputs) {
        Tensor[] refIn = new Tensor[inputs.length];
        Tensor[] backendIn = new Tensor[inputs.length];
        HostTensor[] before = new HostTensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            refIn[i] = ReferenceOps.of(inputs[i]);
            before[i] = ReferenceOps.of(inputs[i]).toHost(); // a private copy
            backendIn[i] = input(inputs[i]);
        }
        HostTensor expected = ReferenceOps.toHost(call.apply(REFERENCE, refIn));
        Tensor result = call.apply(ops(), backendIn);
        assertEquals(expected.shape(), result.shape(), what + ": static shape of the result");
        assertEquals(expected.dtype(), result.dtype(), what + ": dtype of the result");
        HostTensor actual = output(result);
        assertEquals(expected.shape(), actual.shape(), what + ": shape of the values read back");
        assertValuesClose(what, expected.toFloatArray(), actual.toFloatArray());
        for (int i = 0; i < inputs.length; i++) {
            assertEquals(before[i].dtype(), inputs[i].dtype());
            assertArrayEquals(before[i].toFloatArray(), inputs[i].toFloatArray(),
                    what + ": input " + i + " was modified; ops must not change their arguments");
        }
    }

    /** Relative-L2 and max-abs comparison of a result with its reference values. */
    protected final void assertValuesClose(String what, float[] expected, float[] actual) {
        double rel = TensorMath.relativeL2(actual, expected);
        double maxDiff = TensorMath.maxAbsDiff(actual, expected);
        double absLimit = absoluteTolerance() * Math.max(1.0, TensorMath.maxAbs(expected));
        if (!(rel <= relativeTolerance()) || !(maxDiff <= absLimit)) {
            fail(what + ": relative L2 error " + rel + " (limit " + relativeTolerance() + "), max abs diff "
                    + maxDiff + " (limit " + absLimit + ")");
        }
    }

    /**
     * Asserts that {@code call} throws a {@link ShapeMismatchException} whose message names every
     * given shape.
     */
    protected final void assertShapeMismatch(String what, Executable call, Shape... named) {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, call, what);
        for (Shape s : named) {
            assertTrue(e.getMessage().contains(s.toString()),
                    what + ": message should name shape " + s + " but is: " + e.getMessage());
        }
    }

    /** Shorthand for making a backend input from random values. */
    protected final Tensor in(HostTensor value) {
        return input(value);
    }

    // ------------------------------------------------------------------ seeded inputs

    protected static Random rng(long seed) {
        return new Random(seed);
    }

    /** Values ~N(0, 1). */
    protected static HostTensor randn(Random rnd, int... dims) {
        Shape s = Shape.of(dims);
        float[] v = new float[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return HostTensor.of(s, v);
    }

    /** Values ~N(0, 1) times {@code scale}. */
    protected static HostTensor randn(Random rnd, float scale, int... dims) {
        float[] v = randn(rnd, dims).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return HostTensor.of(Shape.of(dims), v);
    }

    /** Values with |v| ≥ 0.5 and random sign: safe divisors. */
    protected static HostTensor awayFromZero(Random rnd, int... dims) {
        float[] v = randn(rnd, dims).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.copySign(0.5f + Math.abs(v[i]), v[i]);
        }
        return HostTensor.of(Shape.of(dims), v);
    }

    /** Uniform int64 ids in [0, bound). */
    protected static HostTensor ids(Random rnd, int bound, int... dims) {
        Shape s = Shape.of(dims);
        long[] v = new long[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(bound);
        }
        return HostTensor.of(s, v);
    }

    protected static HostTensor floats(Shape shape, float... values) {
        return HostTensor.of(shape, values);
    }
}
