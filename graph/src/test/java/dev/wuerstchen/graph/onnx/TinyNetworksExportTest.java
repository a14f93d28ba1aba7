package dev.wuerstchen.graph.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.TestData;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.Checkpoints;
import dev.wuerstchen.api.config.DecoderModelFolder;
import dev.wuerstchen.api.config.PriorModelFolder;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.models.clip.ClipTextEncoder;
import dev.wuerstchen.models.decoder.WuerstchenDiffNeXt;
import dev.wuerstchen.models.prior.WuerstchenPrior;
import dev.wuerstchen.models.vqgan.PaellaVqNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real networks (tiny configs of testdata/golden/tiny, input shapes of the recorded calls)
 * export deterministically, to standard operators only: the contract that lets OpenVINO read the
 * same files. Their numbers are checked by the ONNX Runtime backend's golden parity.
 */
class TinyNetworksExportTest {

    /**
     * Every operator the lowering may emit; all are default-domain opset-17 operators that ONNX
     * Runtime's CPU provider and OpenVINO's ONNX front end both implement.
     */
    static final Set<String> PORTABLE = Set.of("Abs", "Add", "ArgMin", "Concat", "Conv", "ConvTranspose", "Cos",
            "DepthToSpace", "Div", "Erf", "Gather", "Gemm", "Identity", "LayerNormalization", "LeakyRelu", "MatMul", "Mul",
            "Pad", "Pow", "ReduceMax", "ReduceMean", "ReduceSumSquare", "Reshape", "Sigmoid", "Sin", "Slice", "Softmax",
            "Sqrt", "Sub", "Transpose");

    @TempDir
    Path tmp;

    static Stream<Arguments> networks() {
        Path tiny = TestData.tiny();
        PriorModelFolder prior = PriorModelFolder.load(tiny.resolve("wuerstchen-prior"));
        DecoderModelFolder decoder = DecoderModelFolder.load(tiny.resolve("wuerstchen"));
        try (Checkpoint golden = Checkpoints.open(tiny.resolve("golden.safetensors"));
                Checkpoint clip = Checkpoints.open(prior.textEncoderWeights())) {
            Map<String, Shape> text = shapes(golden, ClipTextEncoder.INPUT_IDS, "prior_text_encoder.call0.arg0",
                    ClipTextEncoder.ATTENTION_MASK, "prior_text_encoder.call0.attention_mask");
            String prefix = ClipTextEncoder.keyPrefix(clip.names());
            Map<String, Shape> decoderText = shapes(golden, ClipTextEncoder.INPUT_IDS, "decoder_text_encoder.call0.arg0",
                    ClipTextEncoder.ATTENTION_MASK, "decoder_text_encoder.call0.attention_mask");
            return Stream.of(
                    Arguments.of(new ClipTextEncoder("prior-text-encoder", prior.textEncoder(), prefix),
                            prior.textEncoderWeights(), text),
                    // same key layout as the prior's (both written by the same transformers version)
                    Arguments.of(new ClipTextEncoder("decoder-text-encoder", decoder.textEncoder(), prefix),
                            decoder.textEncoderWeights(), decoderText),
                    Arguments.of(new WuerstchenPrior(prior.prior()), prior.priorWeights(), shapes(golden,
                            WuerstchenPrior.X, "prior.call0.arg0", WuerstchenPrior.R, "prior.call0.r", WuerstchenPrior.C,
                            "prior.call0.c")),
                    Arguments.of(new WuerstchenDiffNeXt(decoder.decoder()), decoder.decoderWeights(), shapes(golden,
                            WuerstchenDiffNeXt.X, "decoder.call0.arg0", WuerstchenDiffNeXt.R, "decoder.call0.r",
                            WuerstchenDiffNeXt.EFFNET, "decoder.call0.effnet", WuerstchenDiffNeXt.CLIP, "decoder.call0.clip")),
                    Arguments.of(new PaellaVqNetwork(decoder.vqgan(), PaellaVqNetwork.Mode.DECODE), decoder.vqganWeights(),
                            shapes(golden, "latents", "vqgan.decode.in")),
                    Arguments.of(new PaellaVqNetwork(decoder.vqgan(), PaellaVqNetwork.Mode.ENCODE), decoder.vqganWeights(),
                            shapes(golden, "image", "vqgan.encode.in")),
                    Arguments.of(new PaellaVqNetwork(decoder.vqgan(), PaellaVqNetwork.Mode.QUANTIZE), decoder.vqganWeights(),
                            shapes(golden, "latents", "vqgan.encode.latents")));
        }
    }

    private static long ckptWeightsRead(NetworkDefinition def, Map<String, Shape> shapes) {
        return dev.wuerstchen.graph.GraphTracer.trace(def, shapes).weights().size();
    }

    private static Map<String, Shape> shapes(Checkpoint golden, String... inputAndTensor) {
        Map<String, Shape> m = new LinkedHashMap<>();
        for (int i = 0; i < inputAndTensor.length; i += 2) {
            m.put(inputAndTensor[i], golden.info(inputAndTensor[i + 1]).shape());
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void exportsDeterministicallyToPortableOperators(NetworkDefinition def, Path weights, Map<String, Shape> shapes)
            throws IOException {
        try (Checkpoint ckpt = Checkpoints.open(weights)) {
            long t0 = System.nanoTime();
            ExportedGraph a = OnnxExporter.export(def, ckpt, shapes, tmp.resolve("a"), s -> { });
            long t1 = System.nanoTime();
            ExportedGraph b = OnnxExporter.export(def, ckpt, shapes, tmp.resolve("b"), s -> { });
            byte[] model = Files.readAllBytes(a.modelFile());
            assertArrayEquals(model, Files.readAllBytes(b.modelFile()), def.name() + ": model bytes differ");
            assertArrayEquals(Files.readAllBytes(a.weightsFile()), Files.readAllBytes(b.weightsFile()),
                    def.name() + ": weights bytes differ");

            OnnxModelReader m = OnnxModelReader.parse(model);
            Set<String> used = new TreeSet<>();
            m.nodes().forEach(n -> {
                assertEquals("", n.domain(), def.name() + ": " + n.opType() + " outside the default domain");
                used.add(n.opType());
            });
            assertTrue(PORTABLE.containsAll(used), def.name() + " uses " + used);
            WeightsIndex index = WeightsIndex.readOrNull(a.weightsFile().resolveSibling(a.weightsFile().getFileName() + ".json"));
            assertEquals(def.manifest().parameters().keySet(), index.byName().keySet());
            long external = m.initializers().stream().filter(i -> i.dataLocation() == 1).count();
            assertEquals(ckptWeightsRead(def, shapes), external, def.name() + ": every weight the graph reads is external");
            System.out.printf("%s: %d ONNX nodes, model %.1f KiB, weights %.1f KiB, export %.0f ms%n", def.name(),
                    m.nodes().size(), model.length / 1024.0, Files.size(a.weightsFile()) / 1024.0, (t1 - t0) / 1e6);
        }
    }
}
