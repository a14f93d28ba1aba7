package dev.wuerstchen.backend.nd4j;

import static dev.wuerstchen.backend.nd4j.DTensor.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wuerstchen.api.ops.AttentionMask;
import dev.wuerstchen.api.ops.Tensor;
import org.junit.jupiter.api.Test;

class NormAttentionOpsTest {

    private final Nd4jOps ops = new Nd4jOps();

    @Test
    void channelLayerNormUsesBiasedVarianceAndEpsInsideTheRoot() {
        // small channel count and a large offset make a wrong variance or eps placement visible
        DTensor x = DoubleOps.map(DTensor.random(1, 2, 5, 3, 4), v -> (float) (3 + 0.01 * v));
        assertClose("eps 1e-6", DoubleOps.layerNorm(x, 1, 1e-6), ops.layerNormChannels(x.on(ops), 1e-6f), 2e-4);
        DTensor y = DTensor.random(2, 2, 7, 3, 4);
        assertClose("eps 1e-6 unit scale", DoubleOps.layerNorm(y, 1, 1e-6), ops.layerNormChannels(y.on(ops), 1e-6f), 1e-6);
        assertClose("eps 0.5", DoubleOps.layerNorm(y, 1, 0.5), ops.layerNormChannels(y.on(ops), 0.5f), 1e-6);
    }

    @Test
    void lastAxisLayerNormWithAndWithoutAffine() {
        DTensor x = DTensor.random(3, 2, 6, 10);
        DTensor g = DTensor.random(4, 10);
        DTensor b = DTensor.random(5, 10);
        DTensor plain = DoubleOps.layerNorm(x, 2, 1e-5);
        assertClose("no affine", plain, ops.layerNorm(x.on(ops), null, null, 1e-5f), 1e-6);
        DTensor affine = DoubleOps.broadcast(DoubleOps.broadcast(plain, g, (p, q) -> p * q), b, Double::sum);
        assertClose("affine", affine, ops.layerNorm(x.on(ops), g.on(ops), b.on(ops), 1e-5f), 1e-6);
    }

    @Test
    void grnNormalisesOverBothSpatialAxesPerSample() {
        DTensor x = DTensor.random(6, 2, 3, 5, 8);
        DTensor gamma = DTensor.random(7, 1, 1, 1, 8);
        DTensor beta = DTensor.random(8, 1, 1, 1, 8);
        assertClose("grn", DoubleOps.grn(x, gamma, beta, 1e-6), ops.grn(x.on(ops), gamma.on(ops), beta.on(ops), 1e-6f), 1e-6);
    }

    @Test
    void softmaxAlongAnyAxis() {
        DTensor x = DoubleOps.map(DTensor.random(9, 3, 4, 5), v -> 8 * v);
        for (int axis = -1; axis < 3; axis++) {
            assertClose("axis " + axis, DoubleOps.softmax(x, axis < 0 ? 2 : axis), ops.softmax(x.on(ops), axis), 1e-6);
        }
    }

    @Test
    void unmaskedMultiHeadAttention() {
        DTensor q = DTensor.random(10, 2, 6, 12);
        DTensor k = DTensor.random(11, 2, 9, 12);
        DTensor v = DTensor.random(12, 2, 9, 12);
        for (int heads : new int[] {1, 3, 4}) {
            assertClose("heads " + heads, DoubleOps.attention(q, k, v, heads, false, null),
                    ops.attention(q.on(ops), k.on(ops), v.on(ops), heads, AttentionMask.NONE), 1e-6);
        }
    }

    @Test
    void causalAndPaddingMaskAsInClip() {
        DTensor x = DTensor.random(13, 2, 7, 8);
        DTensor k = DTensor.random(14, 2, 7, 8);
        DTensor v = DTensor.random(15, 2, 7, 8);
        // sample 0: 4 real tokens then padding; sample 1: all real
        DTensor pad = new DTensor(new int[] {2, 7}, new double[] {1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1});
        assertClose("causal", DoubleOps.attention(x, k, v, 2, true, null),
                ops.attention(x.on(ops), k.on(ops), v.on(ops), 2, new AttentionMask.Causal(null)), 1e-6);
        assertClose("causal + padding", DoubleOps.attention(x, k, v, 2, true, pad),
                ops.attention(x.on(ops), k.on(ops), v.on(ops), 2, new AttentionMask.Causal(pad.on(ops))), 1e-6);
    }

    @Test
    void fullyMaskedQueriesGiveZeros() {
        DTensor q = DTensor.random(16, 1, 3, 4);
        DTensor k = DTensor.random(17, 1, 3, 4);
        // key 0 is padding, so query 0 (which may only see key 0) sees nothing
        DTensor pad = new DTensor(new int[] {1, 3}, new double[] {0, 1, 1});
        Tensor out = ops.attention(q.on(ops), k.on(ops), k.on(ops), 2, new AttentionMask.Causal(pad.on(ops)));
        DTensor expected = DoubleOps.attention(q, k, k, 2, true, pad);
        assertEquals(0.0, expected.at(0, 0, 0));
        assertClose("fully masked row", expected, out, 1e-6);
    }

    @Test
    void headChunksGiveTheSameResult() {
        DTensor q = DTensor.random(18, 2, 5, 16);
        DTensor k = DTensor.random(19, 2, 6, 16);
        DTensor v = DTensor.random(20, 2, 6, 16);
        DTensor pad = new DTensor(new int[] {2, 6}, new double[] {1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0});
        Nd4jTensor mask = (Nd4jTensor) ops.constant(pad.host());
        var allowed = LinearAlgebra.causalMask(2, 5, 6, mask.array());
        for (long maxScores : new long[] {1, 30, 60, 1 << 20}) { // one head per chunk … all heads at once
            var out = Attention.attention(((Nd4jTensor) q.on(ops)).array(), ((Nd4jTensor) k.on(ops)).array(),
                    ((Nd4jTensor) v.on(ops)).array(), 4, allowed, maxScores);
            assertClose("chunk bound " + maxScores, DoubleOps.attention(q, k, v, 4, true, pad), new Nd4jTensor(out, null), 1e-6);
            out = Attention.attention(((Nd4jTensor) q.on(ops)).array(), ((Nd4jTensor) k.on(ops)).array(),
                    ((Nd4jTensor) v.on(ops)).array(), 4, null, maxScores);
            assertClose("unmasked chunk bound " + maxScores, DoubleOps.attention(q, k, v, 4, false, null),
                    new Nd4jTensor(out, null), 1e-6);
        }
    }
}
