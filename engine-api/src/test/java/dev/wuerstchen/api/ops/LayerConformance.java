package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conformance cases for linear algebra, convolutions, normalisations, attention and resizing (part of
 * {@link OpsConformanceTest}).
 */
public abstract class LayerConformance extends ElementwiseConformance {

    // ------------------------------------------------------------------ linear algebra

    @Test
    public void linearWithBiasOnTokens() {
        Random r = rng(101);
        assertMatchesReference("linear (B,L,in) with bias", (o, t) -> o.linear(t[0], t[1], t[2]),
                randn(r, 2, 5, 8), randn(r, 6, 8), randn(r, 6));
    }

    @Test
    public void linearWithoutBias() {
        Random r = rng(102);
        assertMatchesReference("linear (N,in) without bias", (o, t) -> o.linear(t[0], t[1], null),
                randn(r, 3, 7), randn(r, 4, 7));
    }

    @Test
    public void matmulBatched() {
        Random r = rng(103);
        assertMatchesReference("matmul 2-D", (o, t) -> o.matmul(t[0], t[1]), randn(r, 3, 4), randn(r, 4, 5));
        assertMatchesReference("matmul 3-D", (o, t) -> o.matmul(t[0], t[1]), randn(r, 2, 3, 4), randn(r, 2, 4, 5));
        assertMatchesReference("matmul 4-D", (o, t) -> o.matmul(t[0], t[1]), randn(r, 2, 2, 3, 4), randn(r, 2, 2, 4, 6));
    }

    // ------------------------------------------------------------------ convolutions

    private void conv(String what, long seed, int[] x, int[] w, boolean bias, Conv2dParams p) {
        Random r = rng(seed);
        HostTensor hx = randn(r, x);
        HostTensor hw = randn(r, w);
        if (bias) {
            assertMatchesReference(what, (o, t) -> o.conv2d(t[0], t[1], t[2], p), hx, hw, randn(r, w[0]));
        } else {
            assertMatchesReference(what, (o, t) -> o.conv2d(t[0], t[1], null, p), hx, hw);
        }
    }

    @Test
    public void conv2d3x3Padding1() {
        conv("conv2d 3x3 p1", 111, new int[] {2, 3, 6, 5}, new int[] {4, 3, 3, 3}, true, Conv2dParams.of(1, 1));
    }

    @Test
    public void conv2d1x1WithoutBias() {
        conv("conv2d 1x1", 112, new int[] {2, 5, 4, 3}, new int[] {6, 5, 1, 1}, false, Conv2dParams.DEFAULT);
    }

    @Test
    public void conv2dGrouped() {
        conv("conv2d groups 2", 113, new int[] {2, 4, 5, 5}, new int[] {6, 2, 3, 3}, true, new Conv2dParams(1, 1, 2));
    }

    @Test
    public void conv2dDepthwise() {
        conv("conv2d depthwise", 114, new int[] {2, 4, 5, 6}, new int[] {4, 1, 3, 3}, true, Conv2dParams.depthwise(4, 1));
    }

    @Test
    public void conv2dStride2Kernel2() {
        conv("conv2d k2 s2", 115, new int[] {2, 3, 6, 8}, new int[] {5, 3, 2, 2}, true, Conv2dParams.of(2, 0));
        conv("conv2d k2 s2 odd input", 116, new int[] {1, 3, 7, 5}, new int[] {2, 3, 2, 2}, true, Conv2dParams.of(2, 0));
    }

    @Test
    public void conv2dStride2Kernel4Padding1() {
        conv("conv2d k4 s2 p1", 117, new int[] {2, 3, 8, 6}, new int[] {4, 3, 4, 4}, true, Conv2dParams.of(2, 1));
    }

    @Test
    public void conv2dNonSquareKernelValidPadding() {
        conv("conv2d 3x2 kernel", 118, new int[] {1, 2, 5, 6}, new int[] {3, 2, 3, 2}, true, Conv2dParams.DEFAULT);
    }

    private void convTranspose(String what, long seed, int[] x, int[] w, boolean bias, Conv2dParams p) {
        Random r = rng(seed);
        HostTensor hx = randn(r, x);
        HostTensor hw = randn(r, w);
        if (bias) {
            assertMatchesReference(what, (o, t) -> o.convTranspose2d(t[0], t[1], t[2], p), hx, hw, randn(r, w[1]));
        } else {
            assertMatchesReference(what, (o, t) -> o.convTranspose2d(t[0], t[1], null, p), hx, hw);
        }
    }

    @Test
    public void convTranspose2dKernel2Stride2() {
        convTranspose("convTranspose k2 s2", 121, new int[] {2, 4, 3, 5}, new int[] {4, 3, 2, 2}, true,
                Conv2dParams.of(2, 0));
    }

    @Test
    public void convTranspose2dKernel4Stride2Padding1() {
        convTranspose("convTranspose k4 s2 p1", 122, new int[] {2, 3, 4, 3}, new int[] {3, 5, 4, 4}, true,
                Conv2dParams.of(2, 1));
    }

    @Test
    public void convTranspose2dKernel3Stride1Padding1WithoutBias() {
        convTranspose("convTranspose k3 s1 p1", 123, new int[] {1, 2, 4, 5}, new int[] {2, 3, 3, 3}, false,
                Conv2dParams.of(1, 1));
    }

    // ------------------------------------------------------------------ normalisation

    @Test
    public void layerNormChannels() {
        assertMatchesReference("layerNormChannels", (o, t) -> o.layerNormChannels(t[0], 1e-6f),
                randn(rng(131), 2, 6, 3, 4));
    }

    @Test
    public void layerNormAffine() {
        Random r = rng(132);
        assertMatchesReference("layerNorm affine", (o, t) -> o.layerNorm(t[0], t[1], t[2], 1e-5f),
                randn(r, 2, 5, 8), randn(r, 8), randn(r, 8));
    }

    @Test
    public void layerNormWithoutAffine() {
        assertMatchesReference("layerNorm", (o, t) -> o.layerNorm(t[0], null, null, 1e-6f), randn(rng(133), 2, 5, 8));
    }

    @Test
    public void grnWithStoredParameterShape() {
        Random r = rng(134);
        assertMatchesReference("grn gamma (1,1,1,C)", (o, t) -> o.grn(t[0], t[1], t[2], 1e-6f),
                randn(r, 2, 3, 4, 6), randn(r, 1, 1, 1, 6), randn(r, 1, 1, 1, 6));
    }

    @Test
    public void grnWithFlatParameters() {
        Random r = rng(135);
        assertMatchesReference("grn gamma (C)", (o, t) -> o.grn(t[0], t[1], t[2], 1e-6f),
                randn(r, 1, 5, 2, 4), randn(r, 4), randn(r, 4));
    }

    @Test
    public void softmaxOnMiddleAxis() {
        assertMatchesReference("softmax axis 1", (o, t) -> o.softmax(t[0], 1), randn(rng(136), 2, 5, 3));
    }

    @Test
    public void softmaxOnLastAxis() {
        assertMatchesReference("softmax last axis", (o, t) -> o.softmax(t[0], 2), randn(rng(137), 2, 3, 7));
    }

    @Test
    public void softmaxIsStableForLargeValues() {
        assertMatchesReference("softmax of values ~N(0, 50²)", (o, t) -> o.softmax(t[0], 1), randn(rng(138), 50f, 4, 9));
    }

    // ------------------------------------------------------------------ attention

    @Test
    public void selfAttentionWithoutMask() {
        Random r = rng(141);
        assertMatchesReference("attention self, 2 heads", (o, t) -> o.attention(t[0], t[1], t[2], 2, AttentionMask.NONE),
                randn(r, 2, 6, 8), randn(r, 2, 6, 8), randn(r, 2, 6, 8));
    }

    @Test
    public void crossAttentionWithMoreKeysThanQueries() {
        Random r = rng(142);
        assertMatchesReference("attention Nq 5, Nk 9, 4 heads",
                (o, t) -> o.attention(t[0], t[1], t[2], 4, AttentionMask.NONE),
                randn(r, 2, 5, 16), randn(r, 2, 9, 16), randn(r, 2, 9, 16));
    }

    @Test
    public void attentionSingleHead() {
        Random r = rng(143);
        assertMatchesReference("attention 1 head", (o, t) -> o.attention(t[0], t[1], t[2], 1, AttentionMask.NONE),
                randn(r, 1, 4, 12), randn(r, 1, 3, 12), randn(r, 1, 3, 12));
    }

    @Test
    public void causalAttention() {
        Random r = rng(144);
        assertMatchesReference("attention causal",
                (o, t) -> o.attention(t[0], t[1], t[2], 2, new AttentionMask.Causal(null)),
                randn(r, 2, 7, 8), randn(r, 2, 7, 8), randn(r, 2, 7, 8));
    }

    @Test
    public void causalAttentionWithKeyPadding() {
        Random r = rng(145);
        // CLIP layout: BOS, content, EOS, then padding (spec 8.1); pad queries still produce outputs.
        HostTensor padding = floats(Shape.of(2, 7), 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0);
        assertMatchesReference("attention causal with key padding",
                (o, t) -> o.attention(t[0], t[1], t[2], 2, new AttentionMask.Causal(t[3])),
                randn(r, 2, 7, 8), randn(r, 2, 7, 8), randn(r, 2, 7, 8), padding);
    }

    // ------------------------------------------------------------------ resize

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
    @CsvSource({
        "3, 3, 2, 2", "3, 3, 4, 4", "24, 24, 16, 16", "5, 5, 7, 7", "24, 24, 32, 32", "24, 24, 64, 64",
        "6, 6, 6, 6", "5, 7, 3, 9", "1, 2, 3, 1", "8, 4, 2, 12"})
    public void resizeBicubicAntialias(int inH, int inW, int outH, int outW) {
        assertMatchesReference("resize " + inH + "x" + inW + " → " + outH + "x" + outW,
                (o, t) -> o.resizeBicubicAntialias(t[0], outH, outW), randn(rng(151 + inH * 100 + outH), 2, 2, inH, inW));
    }
}
