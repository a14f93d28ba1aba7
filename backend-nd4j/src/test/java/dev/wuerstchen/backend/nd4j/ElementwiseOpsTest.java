package dev.wuerstchen.backend.nd4j;

import static dev.wuerstchen.backend.nd4j.DTensor.assertClose;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.ops.BinaryFn;
import dev.wuerstchen.api.ops.UnaryFn;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ElementwiseOpsTest {

    private final Nd4jOps ops = new Nd4jOps();

    /** −6 … 6 in small steps plus random values: covers GELU's tails and erf's range. */
    private static DTensor grid() {
        int n = 2401;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (-6 + 12.0 * i / (n - 1));
        }
        return new DTensor(new int[] {7, 7, 49}, v);
    }

    private static DoubleUnaryOperator oracle(UnaryFn fn) {
        return switch (fn) {
            case GELU -> x -> 0.5 * x * (1 + DoubleOps.erf(x / Math.sqrt(2)));
            case QUICK_GELU -> x -> x * DoubleOps.sigmoid(1.702 * x);
            case SILU -> x -> x * DoubleOps.sigmoid(x);
            case SIGMOID -> DoubleOps::sigmoid;
            case ABS -> Math::abs;
            case SQRT -> x -> Math.sqrt(Math.abs(x));
            case SIN -> Math::sin;
            case COS -> Math::cos;
        };
    }

    @ParameterizedTest
    @EnumSource(UnaryFn.class)
    void unaryMatchesDoubleOracle(UnaryFn fn) {
        DTensor x = grid();
        if (fn == UnaryFn.SQRT) {
            x = DoubleOps.map(x, Math::abs);
        }
        assertClose(fn.name(), DoubleOps.map(x, oracle(fn)), ops.unary(fn, x.on(ops)), 1e-6);
    }

    @Test
    void geluIsTheExactErfFormNotAnApproximation() {
        // at x = −3 the tanh form differs by 2e-2 and the sigmoid form by 1.4e-2 from the erf form (−0.0040497)
        DTensor x = new DTensor(new int[] {4}, new double[] {-3, -1, 1, 2});
        DTensor exact = DoubleOps.map(x, oracle(UnaryFn.GELU));
        double err = assertClose("gelu", exact, ops.gelu(x.on(ops)), 1e-7);
        assertTrue(err <= 1e-7);
    }

    @Test
    void sinAndCosStayAccurateAtRatioEmbeddingArguments() {
        // REMB feeds arguments up to 10000 rad (spec 3.8)
        int n = 4000;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (10000.0 * i / (n - 1) + 0.37 * i % 3);
        }
        DTensor x = new DTensor(new int[] {n}, v);
        assertClose("sin", DoubleOps.map(x, Math::sin), ops.sin(x.on(ops)), 1e-6);
        assertClose("cos", DoubleOps.map(x, Math::cos), ops.cos(x.on(ops)), 1e-6);
    }

    private static DoubleBinaryOperator oracle(BinaryFn fn) {
        return switch (fn) {
            case ADD -> Double::sum;
            case SUB -> (a, b) -> a - b;
            case MUL -> (a, b) -> a * b;
            case DIV -> (a, b) -> a / b;
        };
    }

    @ParameterizedTest
    @EnumSource(BinaryFn.class)
    void binaryBroadcastsLikeNumPy(BinaryFn fn) {
        int[][][] cases = {
            {{2, 3, 4, 5}, {2, 3, 4, 5}},
            {{2, 3, 4, 5}, {3, 1, 1}}, // per-channel vector
            {{2, 3, 4, 5}, {2, 3, 1, 1}}, // per-sample, per-channel
            {{2, 3, 4, 5}, {1}}, // a single gamma
            {{1}, {2, 3, 4, 5}}, // the small operand first
            {{2, 6, 8}, {6, 8}}, // (B, L, D) + (L, D)
            {{4, 1}, {1, 5}}, // both sides stretch
            {{2, 1, 3}, {4, 1}},
        };
        long seed = 1;
        for (int[][] c : cases) {
            DTensor a = DTensor.random(seed++, c[0]);
            DTensor b = DTensor.random(seed++, c[1]);
            if (fn == BinaryFn.DIV) {
                b = DoubleOps.map(b, y -> (float) (Math.signum(y) * (0.5 + Math.abs(y))));
            }
            assertClose(fn + " " + java.util.Arrays.toString(c[0]) + "∘" + java.util.Arrays.toString(c[1]), DoubleOps.broadcast(a, b, oracle(fn)), ops.binary(fn, a.on(ops), b.on(ops)),
                    2e-7);
        }
    }

    @Test
    void affineAndLeakyRelu() {
        DTensor x = DTensor.random(3, 3, 5, 7);
        assertClose("affine", DoubleOps.map(x, v -> v * -0.998 + 0.001), ops.affine(x.on(ops), -0.998f, 0.001f), 2e-7);
        assertClose("scale", DoubleOps.map(x, v -> v * 10000), ops.scale(x.on(ops), 10000f), 1e-7);
        assertClose("addScalar", DoubleOps.map(x, v -> v + 1), ops.addScalar(x.on(ops), 1f), 1e-7);
        assertClose("leakyRelu", DoubleOps.map(x, v -> v >= 0 ? v : 0.2 * v), ops.leakyRelu(x.on(ops), 0.2f), 1e-7);
    }
}
