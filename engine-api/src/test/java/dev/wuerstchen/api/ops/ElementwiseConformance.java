package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Conformance cases for element-wise, structural and lookup ops (part of {@link OpsConformanceTest}). */
public abstract class ElementwiseConformance extends ConformanceSupport {

    // ------------------------------------------------------------------ element-wise

    @ParameterizedTest
    @EnumSource(UnaryFn.class)
    public void unaryMatchesReference(UnaryFn fn) {
        Random r = rng(11 + fn.ordinal());
        // Scale 4 reaches the tails of GELU and the sigmoids; SQRT gets non-negative inputs.
        HostTensor x = randn(r, 4f, 3, 4, 5);
        if (fn == UnaryFn.SQRT) {
            float[] v = x.toFloatArray();
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.abs(v[i]);
            }
            x = HostTensor.of(x.shape(), v);
        }
        assertMatchesReference("unary " + fn, (o, t) -> o.unary(fn, t[0]), x);
    }

    public static Stream<Arguments> broadcastCases() {
        int[][][] shapes = {
            {{2, 3, 4}, {2, 3, 4}}, // same shape
            {{2, 3, 4, 5}, {3, 1, 1}}, // per-channel (C,1,1) against NCHW
            {{2, 3, 4, 5}, {2, 3, 1, 1}}, // per-image-channel (B,C,1,1)
            {{2, 3, 4, 5}, {1}}, // scalar (1,) on the right
            {{1}, {2, 3}}, // scalar on the left
            {{2, 5, 8}, {8}}, // (B,L,D) + (D)
            {{2, 1, 4}, {3, 1}}, // both sides broadcast → (2,3,4)
        };
        return Arrays.stream(BinaryFn.values())
                .flatMap(fn -> Arrays.stream(shapes).map(s -> Arguments.of(fn, s[0], s[1])));
    }

    @ParameterizedTest
    @MethodSource("broadcastCases")
    public void binaryBroadcastsLikeNumpy(BinaryFn fn, int[] a, int[] b) {
        Random r = rng(21 + fn.ordinal());
        HostTensor ha = randn(r, a);
        HostTensor hb = fn == BinaryFn.DIV ? awayFromZero(r, b) : randn(r, b);
        assertMatchesReference("binary " + fn + " " + Shape.of(a) + " " + Shape.of(b),
                (o, t) -> o.binary(fn, t[0], t[1]), ha, hb);
    }

    @Test
    public void affine() {
        assertMatchesReference("affine", (o, t) -> o.affine(t[0], 0.3764f, -1.25f), randn(rng(31), 2, 3, 4));
    }

    @Test
    public void leakyRelu() {
        assertMatchesReference("leakyRelu", (o, t) -> o.leakyRelu(t[0], 0.2f), randn(rng(32), 2, 3, 4));
    }

    @Test
    public void constantHoldsTheGivenValues() {
        HostTensor c = randn(rng(33), 4, 5);
        HostTensor x = randn(rng(34), 4, 5);
        assertMatchesReference("constant + input", (o, t) -> o.add(o.constant(c), t[0]), x);
        assertMatchesReference("constant", (o, t) -> o.constant(c));
    }

    // ------------------------------------------------------------------ structure

    @Test
    public void reshape() {
        HostTensor x = randn(rng(41), 2, 3, 4);
        assertMatchesReference("reshape to (6,4)", (o, t) -> o.reshape(t[0], Shape.of(6, 4)), x);
        assertMatchesReference("reshape to (4,1,6)", (o, t) -> o.reshape(t[0], Shape.of(4, 1, 6)), x);
    }

    @Test
    public void permuteNchwToNhwcAndBack() {
        HostTensor x = randn(rng(42), 2, 3, 4, 5);
        assertMatchesReference("permute (0,2,3,1)", (o, t) -> o.permute(t[0], 0, 2, 3, 1), x);
        HostTensor y = randn(rng(43), 2, 4, 5, 3);
        assertMatchesReference("permute (0,3,1,2)", (o, t) -> o.permute(t[0], 0, 3, 1, 2), y);
    }

    @Test
    public void permuteThreeAxes() {
        HostTensor x = randn(rng(44), 2, 3, 4);
        assertMatchesReference("permute (1,0,2)", (o, t) -> o.permute(t[0], 1, 0, 2), x);
        assertMatchesReference("permute (2,0,1)", (o, t) -> o.permute(t[0], 2, 0, 1), x);
    }

    @Test
    public void concatOnChannels() {
        Random r = rng(45);
        assertMatchesReference("concat axis 1", (o, t) -> o.concat(1, List.of(t)),
                randn(r, 2, 3, 4, 5), randn(r, 2, 1, 4, 5), randn(r, 2, 2, 4, 5));
    }

    @Test
    public void concatOnFirstAndLastAxis() {
        Random r = rng(46);
        assertMatchesReference("concat axis 0", (o, t) -> o.concat(0, t[0], t[1]), randn(r, 2, 3, 4), randn(r, 1, 3, 4));
        assertMatchesReference("concat axis 2", (o, t) -> o.concat(2, t[0], t[1]), randn(r, 2, 3, 4), randn(r, 2, 3, 6));
    }

    @Test
    public void slice() {
        HostTensor x = randn(rng(47), 2, 6, 3, 5);
        assertMatchesReference("slice axis 1 [1,4)", (o, t) -> o.slice(t[0], 1, 1, 4), x);
        assertMatchesReference("slice axis 3 [2,5)", (o, t) -> o.slice(t[0], 3, 2, 5), x);
        assertMatchesReference("slice axis 0 [1,2)", (o, t) -> o.slice(t[0], 0, 1, 2), x);
    }

    @Test
    public void pixelShuffle() {
        assertMatchesReference("pixelShuffle 2", (o, t) -> o.pixelShuffle(t[0], 2), randn(rng(51), 2, 8, 3, 4));
    }

    @Test
    public void pixelUnshuffle() {
        assertMatchesReference("pixelUnshuffle 2", (o, t) -> o.pixelUnshuffle(t[0], 2), randn(rng(52), 2, 3, 4, 6));
    }

    @Test
    public void replicationPad() {
        HostTensor x = randn(rng(53), 2, 3, 4, 5);
        assertMatchesReference("replicationPad 1", (o, t) -> o.replicationPad(t[0], 1), x);
        assertMatchesReference("replicationPad 2", (o, t) -> o.replicationPad(t[0], 2), x);
    }

    // ------------------------------------------------------------------ lookup

    @Test
    public void embedding() {
        Random r = rng(61);
        assertMatchesReference("embedding", (o, t) -> o.embedding(t[0], t[1]), randn(r, 10, 4), ids(r, 10, 2, 3));
    }

    @Test
    public void nearestCode() {
        Random r = rng(62);
        assertMatchesReference("nearestCode", (o, t) -> o.nearestCode(t[0], t[1]), randn(r, 2, 4, 3, 5), randn(r, 7, 4));
    }

    @Test
    public void nearestCodeTieGoesToLowestIndex() {
        // Every pixel is 0; rows 1 and 2 are both at distance 1, row 0 and 3 farther.
        HostTensor x = HostTensor.zeros(Shape.of(1, 2, 2, 2));
        HostTensor codebook = floats(Shape.of(4, 2), 2, 0, 0, -1, 1, 0, 0, 3);
        assertMatchesReference("nearestCode tie", (o, t) -> o.nearestCode(t[0], t[1]), x, codebook);
    }
}
