package dev.wuerstchen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.config.DecoderConfig;
import dev.wuerstchen.api.config.PriorConfig;
import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.ops.AttentionMask;
import dev.wuerstchen.api.ops.BinaryFn;
import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Op counts against hand-computed values, and whole networks against a closed-form count written
 * from the architecture in the spec (sections 5 and 6), not from the network code.
 */
class FlopCounterTest {

    private static Tensor t(int... dims) {
        return CountingOps.of(Shape.of(dims));
    }

    @Test
    void conv2dCountsTwoFlopsPerWeightTapOfEveryOutput() {
        CountingOps ops = new CountingOps();
        // 2 images · 4 outputs · 5×5 positions · 3 inputs · 3×3 taps = 5400 MACs
        Tensor y = ops.conv2d(t(2, 3, 5, 5), t(4, 3, 3, 3), t(4), Conv2dParams.of(1, 1));
        assertEquals(Shape.of(2, 4, 5, 5), y.shape());
        assertEquals(10_800, ops.result().of(OpKind.CONV2D));

        CountingOps strided = new CountingOps();
        // 6×6 → 3×3 with a 2×2 stride-2 kernel: 16 · 9 · 8 · 4 = 4608 MACs
        assertEquals(Shape.of(1, 16, 3, 3), strided.conv2d(t(1, 8, 6, 6), t(16, 8, 2, 2), null, Conv2dParams.of(2, 0)).shape());
        assertEquals(9_216, strided.result().of(OpKind.CONV2D));

        CountingOps depthwise = new CountingOps();
        // one input channel per group: 6 channels · 16 positions · 9 taps = 864 MACs
        depthwise.conv2d(t(1, 6, 4, 4), t(6, 1, 3, 3), t(6), Conv2dParams.depthwise(6, 1));
        assertEquals(1_728, depthwise.result().of(OpKind.CONV2D));
    }

    @Test
    void transposedConvCountsEveryInputAgainstEveryKernelTap() {
        CountingOps ops = new CountingOps();
        // 4·3·3 inputs, each meeting 2 outputs · 2×2 taps: 288 MACs; output (3−1)·2 + 2 = 6
        assertEquals(Shape.of(1, 2, 6, 6), ops.convTranspose2d(t(1, 4, 3, 3), t(4, 2, 2, 2), t(2), Conv2dParams.of(2, 0)).shape());
        assertEquals(576, ops.result().of(OpKind.CONV_TRANSPOSE2D));

        CountingOps overlap = new CountingOps();
        // VQGAN style k4 s2 p1: 3·16 inputs · 5 outputs · 16 taps = 3840 MACs; output (4−1)·2 − 2 + 4 = 8
        assertEquals(Shape.of(1, 5, 8, 8), overlap.convTranspose2d(t(1, 3, 4, 4), t(3, 5, 4, 4), null, Conv2dParams.of(2, 1)).shape());
        assertEquals(7_680, overlap.result().of(OpKind.CONV_TRANSPOSE2D));
    }

    @Test
    void linearAndMatmulCountTheirProducts() {
        CountingOps ops = new CountingOps();
        // 10 rows · 7 in · 3 out = 210 MACs
        assertEquals(Shape.of(2, 5, 3), ops.linear(t(2, 5, 7), t(3, 7), t(3)).shape());
        // 3 batches of 4×5 · 5×6 = 360 MACs
        assertEquals(Shape.of(3, 4, 6), ops.matmul(t(3, 4, 5), t(3, 5, 6)).shape());
        FlopCount f = ops.result();
        assertEquals(420, f.of(OpKind.LINEAR));
        assertEquals(720, f.of(OpKind.MATMUL));
        assertEquals(1_140, f.multiplyAddFlops());
        assertEquals(0, f.elementwiseFlops());
        assertEquals(1, f.calls().get(OpKind.LINEAR));
    }

    @Test
    void attentionCountsBothProductsAndItsSoftmax() {
        CountingOps ops = new CountingOps();
        // per batch item and head (d = 4): Q·Kᵀ 6·9·4 and P·V 6·9·4 MACs; 2 items · 2 heads
        // = 2·2·2·216 = 1728 MACs = 3456 FLOPs; softmax over 2·2·6·9 = 216 scores
        Tensor o = ops.attention(t(2, 6, 8), t(2, 9, 8), t(2, 9, 8), 2, AttentionMask.NONE);
        assertEquals(Shape.of(2, 6, 8), o.shape());
        assertEquals(3_456, ops.result().of(OpKind.ATTENTION));
        assertEquals(216, ops.result().elementwiseFlops());
    }

    @Test
    void elementwiseOpsCountOnePerOutputElementAndDataMovementNothing() {
        CountingOps ops = new CountingOps();
        Tensor sum = ops.binary(BinaryFn.ADD, t(2, 1, 4), t(3, 1)); // broadcast to (2,3,4)
        assertEquals(Shape.of(2, 3, 4), sum.shape());
        ops.gelu(sum);
        ops.layerNormChannels(t(1, 4, 2, 2), 1e-6f);
        ops.permute(sum, 2, 0, 1);
        ops.reshape(sum, Shape.of(24));
        ops.concat(1, List.of(sum, sum));
        ops.pixelShuffle(t(1, 8, 2, 2), 2);
        ops.resizeBicubicAntialias(t(1, 2, 4, 4), 3, 5); // 30 outputs
        assertEquals(24 + 24 + 16 + 30, ops.result().elementwiseFlops());
        assertEquals(0, ops.result().multiplyAddFlops());
    }

    @Test
    void mismatchedShapesAreRejectedNamingTheOp() {
        CountingOps ops = new CountingOps();
        var e = assertThrows(ShapeMismatchException.class, () -> ops.conv2d(t(1, 3, 5, 5), t(4, 2, 3, 3), null, Conv2dParams.DEFAULT));
        assertTrue(e.getMessage().startsWith("conv2d"), e.getMessage());
        assertThrows(ShapeMismatchException.class, () -> ops.linear(t(2, 5), t(3, 6), null));
        assertThrows(ShapeMismatchException.class, () -> ops.binary(BinaryFn.MUL, t(2, 3), t(4)));
    }

    // ---------------------------------------------------------------- whole networks

    /** Spec 5, per CFG-batch-2 step at 24×24: the multiply-adds of every layer, written out. */
    static long priorMacs(PriorConfig p, int batch, int side, int tokens) {
        long n = (long) batch * side * side; // image tokens over the batch
        long l = (long) batch * tokens;
        long c = p.c();
        long macs = n * p.cIn() * c; // projection
        macs += l * p.cCond() * c + l * c * c; // cond_mapper
        long block = n * c * 9 // depthwise 3×3
                + n * c * 4 * c + n * 4 * c * c // channelwise Linear c→4c→c
                + (long) batch * p.cR() * 2 * c // TimestepBlock mapper
                + l * c * c // kv_mapper
                + n * c * c + 2 * (n + l) * c * c + n * c * c // to_q, to_k/to_v over image+text tokens, to_out
                + 2 * n * ((long) side * side + tokens) * c; // Q·Kᵀ and P·V
        macs += p.depth() * block;
        macs += n * c * 2 * p.cIn(); // out
        return macs;
    }

    /** Spec 6 at a 256×256 latent (levels 128², 64², 32², 16²), batch 1. */
    static long decoderMacs(DecoderConfig d, int latent, int tokens) {
        int levels = d.levels();
        long[] area = new long[levels];
        for (int i = 0; i < levels; i++) {
            long side = latent / d.patchSize() >> i;
            area[i] = side * side;
        }
        long macs = (long) tokens * d.clipEmbd() * d.cCond(); // clip_mapper
        macs += area[0] * d.cIn() * d.patchSize() * d.patchSize() * d.cHidden().get(0); // stem
        macs += area[0] * d.cHidden().get(0) * 2L * d.cOut() * d.patchSize() * d.patchSize(); // clf
        for (int lv = 0; lv < levels; lv++) {
            long c = d.cHidden().get(lv);
            long s = area[lv];
            boolean effnet = d.injectEffnet().get(lv);
            boolean attn = d.levelConfig().get(lv).contains("A");
            long effSkip = effnet ? d.cCond() : 0;
            long res = s * c * 9 + s * 4 * c * c; // depthwise + Linear 4c→c; Linear (c+skip)→4c added per block below
            long ts = (long) d.cR() * 2 * c;
            long att = attn ? (long) tokens * d.cCond() * c + s * c * c + 2 * (s + tokens) * c * c + s * c * c
                    + 2 * s * (s + tokens) * c : 0;
            int n = d.blocks().get(lv);
            // down path: every C block sees the effnet feature only
            macs += n * (res + s * (c + effSkip) * 4 * c + ts + att);
            // up path: the first C block also gets the level output (none at the deepest level)
            long levelSkip = lv == levels - 1 ? 0 : c;
            macs += n * (res + s * (c + effSkip) * 4 * c + ts + att) + s * levelSkip * 4 * c;
            if (effnet) {
                macs += 2 * s * d.effnetEmbd() * d.cCond(); // effnet mapper 1×1 conv, down and up
            }
            if (lv > 0) {
                long cPrev = d.cHidden().get(lv - 1);
                macs += 2 * s * cPrev * c * 4; // 2×2 stride-2 downsampler and transposed upsampler
            }
        }
        return macs;
    }

    @Test
    void publishedPriorMatchesTheSpecArchitectureAndItsEstimate() {
        Workload w = BenchNetwork.PRIOR.workload(ModelSize.PUBLISHED);
        FlopCount f = w.flops();
        assertEquals(2 * priorMacs(PriorConfig.PUBLISHED, 2, 24, 77), f.multiplyAddFlops());
        // spec 1: "prior ≈ 2.3 TFLOP per step with CFG batch 2"
        assertEquals(2.3e12, f.multiplyAddFlops(), 0.05 * 2.3e12);
        assertTrue(f.elementwiseFlops() > 0 && f.elementwiseFlops() < f.multiplyAddFlops() / 100);
    }

    @Test
    void publishedDecoderMatchesTheSpecArchitectureAndItsEstimate() {
        Workload w = BenchNetwork.DECODER.workload(ModelSize.PUBLISHED);
        FlopCount f = w.flops();
        assertEquals(2 * decoderMacs(DecoderConfig.PUBLISHED, 256, 77), f.multiplyAddFlops());
        // spec 1: "decoder ≈ 2.9 TFLOP per step"
        assertEquals(2.9e12, f.multiplyAddFlops(), 0.05 * 2.9e12);
        assertEquals(0, f.of(OpKind.MATMUL));
        assertTrue(f.of(OpKind.CONV_TRANSPOSE2D) > 0);
    }

    @Test
    void tinyConfigurationsFollowTheSameFormulas() {
        assertEquals(2 * priorMacs(BenchNetwork.TINY_PRIOR, 2, 24, 77),
                BenchNetwork.PRIOR.workload(ModelSize.TINY).flops().multiplyAddFlops());
        assertEquals(2 * decoderMacs(BenchNetwork.TINY_DECODER, 32, 77),
                BenchNetwork.DECODER.workload(ModelSize.TINY).flops().multiplyAddFlops());
    }

    @Test
    void gemmDefinitionCountsItsChainOfProducts() {
        GemmDefinition g = new GemmDefinition(64, 3);
        FlopCount f = FlopCounter.count(g, java.util.Map.of(GemmDefinition.A, g.inputShape()));
        assertEquals(3 * 2L * 64 * 64 * 64, f.of(OpKind.MATMUL));
        assertEquals(g.flops(), f.multiplyAddFlops());
    }
}
