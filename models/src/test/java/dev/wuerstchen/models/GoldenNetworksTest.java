package dev.wuerstchen.models;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.TestData;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.Checkpoints;
import dev.wuerstchen.api.config.DecoderModelFolder;
import dev.wuerstchen.api.config.PriorModelFolder;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.ReferenceOps;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.api.tensor.TensorMath;
import dev.wuerstchen.models.clip.ClipTextEncoder;
import dev.wuerstchen.models.decoder.WuerstchenDiffNeXt;
import dev.wuerstchen.models.prior.WuerstchenPrior;
import dev.wuerstchen.models.vqgan.PaellaVqNetwork;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The networks, run on the pure-Java double-precision reference ops, against every network call
 * diffusers recorded for the tiny model pair (inputs fed as recorded, outputs compared).
 */
class GoldenNetworksTest {

    /** Single network calls; diffusers ran in float32, the reference ops in double. */
    static final double TOLERANCE = 1e-4;

    static Checkpoint golden;
    static PriorModelFolder prior;
    static DecoderModelFolder decoder;

    @BeforeAll
    static void open() {
        Path tiny = TestData.goldenSet();
        golden = Checkpoints.open(tiny.resolve("golden.safetensors"));
        prior = PriorModelFolder.load(tiny.resolve("wuerstchen-prior"));
        decoder = DecoderModelFolder.load(tiny.resolve("wuerstchen"));
    }

    @AfterAll
    static void close() {
        golden.close();
    }

    private static Map<String, HostTensor> run(NetworkDefinition def, Path weights, Map<String, HostTensor> inputs) {
        try (Checkpoint ckpt = Checkpoints.open(weights)) {
            def.manifest().check(ckpt.names(), n -> ckpt.info(n).shape());
            Map<String, Tensor> cache = new HashMap<>();
            Weights w = (key, shape) -> cache.computeIfAbsent(key, k -> {
                HostTensor t = ckpt.read(k);
                assertTrue(t.shape().equals(shape), k + " is " + t.shape() + ", network asked for " + shape);
                return ReferenceOps.of(t);
            });
            Map<String, Shape> shapes = new LinkedHashMap<>();
            Map<String, Tensor> in = new LinkedHashMap<>();
            inputs.forEach((k, v) -> {
                shapes.put(k, v.shape());
                in.put(k, ReferenceOps.of(v));
            });
            def.checkInputs(shapes);
            Map<String, HostTensor> out = new LinkedHashMap<>();
            def.forward(new ReferenceOps(), w, in).forEach((k, v) -> out.put(k, ReferenceOps.toHost(v)));
            return out;
        }
    }

    private static void assertClose(String name, HostTensor actual, HostTensor expected) {
        assertTrue(actual.shape().equals(expected.shape()), name + ": shape " + actual.shape() + " vs " + expected.shape());
        double err = TensorMath.relativeL2(actual.toFloatArray(), expected.toFloatArray());
        System.out.printf("%-45s rel-L2 %.3e%n", name, err);
        assertTrue(err <= TOLERANCE, name + ": relative L2 error " + err + " > " + TOLERANCE);
    }

    private static List<String> calls(String network, String output) {
        List<String> names = golden.names().stream()
                .filter(n -> n.matches(java.util.regex.Pattern.quote(network) + "\\.call\\d+\\." + output)).sorted().toList();
        assertFalse(names.isEmpty(), "the golden set records no " + network + " calls");
        return names.stream().map(n -> n.substring(0, n.length() - output.length() - 1)).toList();
    }

    private static HostTensor g(String name) {
        return golden.read(name);
    }

    @Test
    void priorCalls() {
        for (String call : calls("prior", "out")) {
            Map<String, HostTensor> out = run(new WuerstchenPrior(prior.prior()), prior.priorWeights(),
                    Map.of(WuerstchenPrior.X, g(call + ".arg0"), WuerstchenPrior.R, g(call + ".r"), WuerstchenPrior.C,
                            g(call + ".c")));
            assertClose(call + ".out", out.get(WuerstchenPrior.EPS), g(call + ".out"));
        }
    }

    @Test
    void decoderCalls() {
        for (String call : calls("decoder", "out")) {
            Map<String, HostTensor> out = run(new WuerstchenDiffNeXt(decoder.decoder()), decoder.decoderWeights(),
                    Map.of(WuerstchenDiffNeXt.X, g(call + ".arg0"), WuerstchenDiffNeXt.R, g(call + ".r"),
                            WuerstchenDiffNeXt.EFFNET, g(call + ".effnet"), WuerstchenDiffNeXt.CLIP, g(call + ".clip")));
            assertClose(call + ".out", out.get(WuerstchenDiffNeXt.EPS), g(call + ".out"));
        }
    }

    @Test
    void textEncoderCalls() {
        textEncoder("prior_text_encoder", prior.textEncoder(), prior.textEncoderWeights());
        textEncoder("decoder_text_encoder", decoder.textEncoder(), decoder.textEncoderWeights());
    }

    private void textEncoder(String network, dev.wuerstchen.api.config.ClipTextConfig config, Path weights) {
        ClipTextEncoder def;
        try (Checkpoint ckpt = Checkpoints.open(weights)) {
            def = new ClipTextEncoder(network, config, ClipTextEncoder.keyPrefix(ckpt.names()));
        }
        for (String call : calls(network, "last_hidden_state")) {
            HostTensor ids = g(call + ".arg0");
            HostTensor mask = HostTensor.of(ids.shape(), g(call + ".attention_mask").toFloatArray());
            HostTensor hidden = run(def, weights, Map.of(ClipTextEncoder.INPUT_IDS, ids, ClipTextEncoder.ATTENTION_MASK, mask))
                    .get(ClipTextEncoder.LAST_HIDDEN_STATE);
            assertClose(call + ".last_hidden_state", hidden, g(call + ".last_hidden_state"));
            assertClose(call + ".pooler_output", ClipTextEncoder.pooledOutput(hidden, ids, def.config()),
                    g(call + ".pooler_output"));
        }
    }

    @Test
    void vqganDecodeEncodeQuantize() {
        vqgan(PaellaVqNetwork.Mode.DECODE, "vqgan.decode.in", "vqgan.decode.out");
        vqgan(PaellaVqNetwork.Mode.ENCODE, "vqgan.encode.in", "vqgan.encode.latents");
        vqgan(PaellaVqNetwork.Mode.QUANTIZE, "vqgan.encode.latents", "vqgan.quantize.out");
    }

    private void vqgan(PaellaVqNetwork.Mode mode, String in, String expected) {
        Map<String, HostTensor> out = run(new PaellaVqNetwork(decoder.vqgan(), mode), decoder.vqganWeights(),
                Map.of(mode.input(), g(in)));
        assertClose(expected, out.get(mode.output()), g(expected));
    }
}
