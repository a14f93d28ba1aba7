package dev.wuerstchen.backend.openvino;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.error.UnsupportedRequestException;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.backend.openvino.OpenVinoIrModels.Role;
import dev.wuerstchen.models.clip.ClipTextEncoder;
import dev.wuerstchen.models.decoder.WuerstchenDiffNeXt;
import dev.wuerstchen.models.prior.WuerstchenPrior;
import dev.wuerstchen.models.vqgan.PaellaVqNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notebook's IR files (here stand-in models with the notebook's shapes, spec wuerstchen §11.1)
 * mapped to the engine's network roles and input names. Expected outputs follow the stand-in rule
 * out_j[k] = j + 1 + Σ_i (i + 2)·in_i[k mod n_i], where i is the IR's input order.
 */
class IrModelsTest extends StandInTest {

    @TempDir
    Path dir;

    private OpenVinoBackend backend;

    private static final FakeDefinition PRIOR = new FakeDefinition("prior", List.of(
            new TensorSpec(WuerstchenPrior.X, DType.F32), new TensorSpec(WuerstchenPrior.R, DType.F32),
            new TensorSpec(WuerstchenPrior.C, DType.F32)), List.of(new TensorSpec(WuerstchenPrior.EPS, DType.F32)));
    private static final FakeDefinition CLIP = new FakeDefinition("clip", List.of(
            new TensorSpec(ClipTextEncoder.INPUT_IDS, DType.I64), new TensorSpec(ClipTextEncoder.ATTENTION_MASK, DType.F32)),
            List.of(new TensorSpec(ClipTextEncoder.LAST_HIDDEN_STATE, DType.F32)));
    private static final FakeDefinition DECODER = new FakeDefinition("decoder", List.of(
            new TensorSpec(WuerstchenDiffNeXt.X, DType.F32), new TensorSpec(WuerstchenDiffNeXt.R, DType.F32),
            new TensorSpec(WuerstchenDiffNeXt.EFFNET, DType.F32), new TensorSpec(WuerstchenDiffNeXt.CLIP, DType.F32)),
            List.of(new TensorSpec(WuerstchenDiffNeXt.EPS, DType.F32)));
    private static final FakeDefinition VQGAN = new FakeDefinition("vqgan-decode", List.of(
            new TensorSpec(PaellaVqNetwork.Mode.DECODE.input(), DType.F32)),
            List.of(new TensorSpec(PaellaVqNetwork.Mode.DECODE.output(), DType.F32)));

    @BeforeEach
    void notebookFolder() {
        // traced positional prior: no tensor names
        StandIn.model(dir, "prior_prior.xml", "input - f32 2,16,24,24", "input - f32 2", "input - f32 2,77,1280",
                "output - f32 2,16,24,24");
        // ids as i32, the unused pooled output first: the output is found by name
        StandIn.model(dir, "prior_text_encoder.xml", "input - i32 1,77", "input - f32 1,77",
                "output pooler_output f32 1,8", "output last_hidden_state f32 1,77,8");
        StandIn.model(dir, "text_encoder.xml", "input input_ids i64 1,77", "input attention_mask f32 1,77",
                "output last_hidden_state f32 1,77,4");
        // named decoder inputs in another order than ours: bound by name
        StandIn.model(dir, "decoder.xml", "input clip f32 1,77,1024", "input x f32 1,4,256,256", "input r f32 1",
                "input effnet f32 1,16,24,24", "output - f32 1,4,256,256");
        StandIn.model(dir, "vqgan.xml", "input h f32 1,4,8,8", "output - f32 1,3,32,32");
        backend = new OpenVinoBackend(rt, BackendOptions.DEFAULTS.withCacheDir(dir.resolve("cache")),
                GraphSource.IR_ONLY);
    }

    @org.junit.jupiter.api.AfterEach
    void closeBackend() {
        backend.close();
    }

    private static HostTensor values(Shape s, float scale) {
        float[] v = new float[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((i * 7919) % 1000) * scale;
        }
        return HostTensor.of(s, v);
    }

    /** The stand-in rule for output 0 with inputs in IR order. */
    private static float[] expected(int n, HostTensor... inIrOrder) {
        float[] out = new float[n];
        for (int k = 0; k < n; k++) {
            double v = 1;
            for (int i = 0; i < inIrOrder.length; i++) {
                HostTensor t = inIrOrder[i];
                v += (i + 2) * (double) t.getFloat(k % t.shape().elementCount());
            }
            out[k] = (float) v;
        }
        return out;
    }

    @Test
    void priorInputsWithoutNamesAreFedByPosition() {
        HostTensor x = values(Shape.of(2, 16, 24, 24), 0.001f);
        HostTensor r = HostTensor.of(Shape.of(2), new float[] {0.75f, 0.75f});
        HostTensor c = values(Shape.of(2, 77, 1280), 0.002f);
        Network prior = backend.irModels(dir, Precision.F32).network(Role.PRIOR, PRIOR);
        HostTensor eps = prior.run(Map.of("x", x, "r", r, "c", c)).get("eps");
        assertEquals(Shape.of(2, 16, 24, 24), eps.shape());
        assertArrayEquals(expected(eps.shape().size(), x, r, c), eps.toFloatArray(), 1e-3f);
        assertTrue(StandIn.compileLog().contains("INFERENCE_PRECISION_HINT=f32"), StandIn.compileLog());
    }

    @Test
    void otherBatchSizesRunInChunksOfTheIrBatch() {
        HostTensor x = values(Shape.of(3, 16, 24, 24), 0.001f);
        HostTensor r = HostTensor.of(Shape.of(3), new float[] {0.1f, 0.2f, 0.3f});
        HostTensor c = values(Shape.of(3, 77, 1280), 0.002f);
        Network prior = backend.irModels(dir, Precision.F32).network(Role.PRIOR, PRIOR);
        HostTensor eps = prior.run(Map.of("x", x, "r", r, "c", c)).get("eps");
        assertEquals(Shape.of(3, 16, 24, 24), eps.shape());
        int row = 16 * 24 * 24;
        // rows 0-1 ran as one IR call; row 2 ran padded with a copy of itself
        float[] first = expected(2 * row, rows(x, 0, 2), rows(r, 0, 2), rows(c, 0, 2));
        float[] last = expected(2 * row, rows(x, 2, 1, 2), rows(r, 2, 1, 2), rows(c, 2, 1, 2));
        float[] got = eps.toFloatArray();
        for (int k = 0; k < 2 * row; k++) {
            assertEquals(first[k], got[k], 1e-3f);
        }
        for (int k = 0; k < row; k++) {
            assertEquals(last[k], got[2 * row + k], 1e-3f);
        }
    }

    private static HostTensor rows(HostTensor t, int from, int count) {
        return rows(t, from, count, count);
    }

    private static HostTensor rows(HostTensor t, int from, int count, int size) {
        return Batches.rows(t, from, count, size);
    }

    @Test
    void textEncoderIdsAreConvertedToTheIrsTypeAndTheOutputIsFoundByName() {
        long[] ids = new long[77];
        float[] mask = new float[77];
        for (int i = 0; i < 77; i++) {
            ids[i] = i < 5 ? 49406 + i : 49407;
            mask[i] = i < 6 ? 1 : 0;
        }
        HostTensor idsT = HostTensor.of(Shape.of(1, 77), ids);
        HostTensor maskT = HostTensor.of(Shape.of(1, 77), mask);
        OpenVinoIrModels models = backend.irModels(dir, Precision.F32);
        HostTensor h = models.network(Role.PRIOR_TEXT_ENCODER, CLIP)
                .run(Map.of("input_ids", idsT, "attention_mask", maskT)).get("last_hidden_state");
        assertEquals(Shape.of(1, 77, 8), h.shape());
        float[] e = new float[77 * 8];
        for (int k = 0; k < e.length; k++) {
            e[k] = 2 + 2 * ids[k % 77] + 3 * mask[k % 77]; // output #1 of the IR: j = 1
        }
        assertArrayEquals(e, h.toFloatArray());
        // two prompts in one call against an IR of batch 1
        HostTensor two = models.network(Role.DECODER_TEXT_ENCODER, CLIP).run(Map.of("input_ids",
                HostTensor.of(Shape.of(2, 77), concat(ids, ids)), "attention_mask",
                HostTensor.of(Shape.of(2, 77), concat(mask, new float[77])))).get("last_hidden_state");
        assertEquals(Shape.of(2, 77, 4), two.shape());
        assertEquals(1 + 2 * 49406 + 3, two.toFloatArray()[0]);
        assertEquals(1 + 2 * 49406, two.toFloatArray()[77 * 4]);
    }

    private static long[] concat(long[] a, long[] b) {
        long[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void decoderInputsAreBoundByNameWhateverTheirOrder() {
        HostTensor x = values(Shape.of(1, 4, 256, 256), 0.001f);
        HostTensor r = HostTensor.of(Shape.of(1), new float[] {0.5f});
        HostTensor effnet = values(Shape.of(1, 16, 24, 24), 0.003f);
        HostTensor clip = values(Shape.of(1, 77, 1024), 0.0005f);
        HostTensor eps = backend.irModels(dir, Precision.F32).network(Role.DECODER, DECODER)
                .run(Map.of("x", x, "r", r, "effnet", effnet, "clip", clip)).get("eps");
        assertArrayEquals(expected(eps.shape().size(), clip, x, r, effnet), eps.toFloatArray(), 1e-3f);
    }

    @Test
    void vqganInputHIsOurLatents() {
        HostTensor latents = values(Shape.of(1, 4, 8, 8), 0.01f);
        HostTensor sample = backend.irModels(dir, Precision.F32).network(Role.VQGAN_DECODE, VQGAN)
                .run(Map.of("latents", latents)).get("sample");
        assertEquals(Shape.of(1, 3, 32, 32), sample.shape());
        assertArrayEquals(expected(sample.shape().size(), latents), sample.toFloatArray(), 1e-4f);
    }

    @Test
    void otherImageSizesAreRefusedWithTheNotebooksShapesExplained() {
        Network prior = backend.irModels(dir, Precision.F32).network(Role.PRIOR, PRIOR);
        UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class, () -> prior.run(Map.of(
                "x", values(Shape.of(2, 16, 12, 12), 1), "r", values(Shape.of(2), 1),
                "c", values(Shape.of(2, 77, 1280), 1))));
        assertTrue(e.getMessage().contains("input 'x' is (2,16,12,12) but the IR was exported with the fixed shape "
                + "[2,16,24,24]"), e.getMessage());
        assertTrue(e.getMessage().contains("1024×1024"), e.getMessage());
        assertTrue(e.getMessage().contains("prior guidance > 1"), e.getMessage());
    }

    @Test
    void missingFilesAndFoldersAreNamed() {
        assertThrows(CheckpointException.class, () -> backend.irModels(dir.resolve("nope"), Precision.F32));
        OpenVinoIrModels int8 = backend.irModels(dir, Precision.INT8);
        assertEquals(List.of("prior_prior_int8.xml", "decoder_int8.xml"), int8.missing());
        CheckpointException e = assertThrows(CheckpointException.class, () -> int8.network(Role.PRIOR, PRIOR));
        assertTrue(e.getMessage().startsWith(dir.resolve("prior_prior_int8.xml") + ": is missing"), e.getMessage());
        assertEquals(dir.resolve("vqgan.xml"), int8.file(Role.VQGAN_DECODE));
    }

    @Test
    void networksAreCompiledOnceAndClosedWithTheBackend() {
        OpenVinoIrModels models = backend.irModels(dir, Precision.F32);
        Network a = models.network(Role.VQGAN_DECODE, VQGAN);
        assertTrue(a == models.network(Role.VQGAN_DECODE, VQGAN));
        assertEquals(1, StandIn.created("compiled_model"));
        backend.close();
        assertThrows(IllegalStateException.class, () -> a.run(Map.of("latents", values(Shape.of(1, 4, 8, 8), 1))));
    }
}
