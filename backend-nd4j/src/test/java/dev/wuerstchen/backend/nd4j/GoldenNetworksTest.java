package dev.wuerstchen.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.TestData;
import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.config.ClipTextConfig;
import dev.wuerstchen.api.config.DecoderModelFolder;
import dev.wuerstchen.api.config.PriorModelFolder;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.models.clip.ClipTextEncoder;
import dev.wuerstchen.models.decoder.WuerstchenDiffNeXt;
import dev.wuerstchen.models.prior.WuerstchenPrior;
import dev.wuerstchen.models.vqgan.PaellaVqNetwork;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded network call of the golden reference set (diffusers, PyTorch float32) re-run
 * through the real model definitions on this backend. The reference folder is a parameter
 * ({@code -Dwuerstchen.golden}); the calls are discovered from the recorded names, so other sets
 * made by the same script run unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldenNetworksTest {

    /** Relative L2 per network call (golden/README.md: a correct implementation reaches ~1e-5). */
    private static final double MAX_REL_L2 = 1e-4;

    private final Path root = TestData.tiny();
    private Checkpoint golden;
    private PriorModelFolder prior;
    private DecoderModelFolder decoder;
    private Backend backend;
    private final Map<String, Network> networks = new HashMap<>();
    private final List<Checkpoint> weights = new java.util.ArrayList<>();

    @BeforeAll
    void open() {
        golden = StopgapSafetensors.open(root.resolve("golden.safetensors"));
        prior = PriorModelFolder.load(root.resolve("wuerstchen-prior"));
        decoder = DecoderModelFolder.load(root.resolve("wuerstchen"));
        backend = new Nd4jBackendProvider().open(BackendOptions.DEFAULTS);
    }

    @AfterAll
    void close() {
        backend.close();
        weights.forEach(Checkpoint::close);
        golden.close();
    }

    List<String> calls(String network) {
        Pattern p = Pattern.compile(Pattern.quote(network) + "\\.call\\d+\\.arg0");
        return StopgapSafetensors.open(TestData.tiny().resolve("golden.safetensors")).names().stream()
                .filter(n -> p.matcher(n).matches()).map(n -> n.substring(0, n.length() - ".arg0".length())).sorted().toList();
    }

    List<String> priorCalls() {
        return calls("prior");
    }

    List<String> decoderCalls() {
        return calls("decoder");
    }

    List<String> priorTextCalls() {
        return calls("prior_text_encoder");
    }

    List<String> decoderTextCalls() {
        return calls("decoder_text_encoder");
    }

    @Test
    void theReferenceSetHasCallsOfEveryNetwork() {
        assertFalse(priorCalls().isEmpty());
        assertFalse(decoderCalls().isEmpty());
        assertFalse(priorTextCalls().isEmpty());
        assertFalse(decoderTextCalls().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("priorCalls")
    void prior(String call) {
        Network n = network("prior", () -> new WuerstchenPrior(prior.prior()), prior.priorWeights());
        HostTensor out = n.run(Map.of(WuerstchenPrior.X, g(call + ".arg0"), WuerstchenPrior.R, g(call + ".r"),
                WuerstchenPrior.C, g(call + ".c"))).get(WuerstchenPrior.EPS);
        compare(call, out, g(call + ".out"));
    }

    @ParameterizedTest
    @MethodSource("decoderCalls")
    void decoder(String call) {
        Network n = network("decoder", () -> new WuerstchenDiffNeXt(decoder.decoder()), decoder.decoderWeights());
        HostTensor out = n.run(Map.of(WuerstchenDiffNeXt.X, g(call + ".arg0"), WuerstchenDiffNeXt.R, g(call + ".r"),
                WuerstchenDiffNeXt.EFFNET, g(call + ".effnet"), WuerstchenDiffNeXt.CLIP, g(call + ".clip")))
                .get(WuerstchenDiffNeXt.EPS);
        compare(call, out, g(call + ".out"));
    }

    @ParameterizedTest
    @MethodSource("priorTextCalls")
    void priorTextEncoder(String call) {
        textEncoder(call, "prior_text_encoder", prior.textEncoder(), prior.textEncoderWeights());
    }

    @ParameterizedTest
    @MethodSource("decoderTextCalls")
    void decoderTextEncoder(String call) {
        textEncoder(call, "decoder_text_encoder", decoder.textEncoder(), decoder.textEncoderWeights());
    }

    private void textEncoder(String call, String name, ClipTextConfig config, Path weightsFile) {
        // the golden set was saved by transformers 5, whose keys lack the published "text_model." prefix
        Network n = network(name, c -> new ClipTextEncoder(name, config, ClipTextEncoder.keyPrefix(c.names())), weightsFile);

        HostTensor mask = g(call + ".attention_mask"); // int64 in the reference, float32 at the network input
        HostTensor out = n.run(Map.of(ClipTextEncoder.INPUT_IDS, g(call + ".arg0"), ClipTextEncoder.ATTENTION_MASK,
                HostTensor.of(mask.shape(), mask.toFloatArray()))).get(ClipTextEncoder.LAST_HIDDEN_STATE);
        compare(call, out, g(call + ".last_hidden_state"));
    }

    @Test
    void vqganDecode() {
        compare("vqgan.decode", vqgan(PaellaVqNetwork.Mode.DECODE, "vqgan.decode.in"), g("vqgan.decode.out"));
    }

    @Test
    void vqganEncode() {
        compare("vqgan.encode", vqgan(PaellaVqNetwork.Mode.ENCODE, "vqgan.encode.in"), g("vqgan.encode.latents"));
    }

    @Test
    void vqganQuantize() {
        compare("vqgan.quantize", vqgan(PaellaVqNetwork.Mode.QUANTIZE, "vqgan.encode.latents"), g("vqgan.quantize.out"));
    }

    private HostTensor vqgan(PaellaVqNetwork.Mode mode, String input) {
        Network n = network("vqgan-" + mode, () -> new PaellaVqNetwork(decoder.vqgan(), mode), decoder.vqganWeights());
        return n.run(Map.of(mode.input(), g(input))).get(mode.output());
    }

    private Network network(String key, Supplier<NetworkDefinition> definition, Path weightsFile) {
        return network(key, c -> definition.get(), weightsFile);
    }

    private Network network(String key, Function<Checkpoint, NetworkDefinition> definition, Path weightsFile) {
        return networks.computeIfAbsent(key, k -> {
            Checkpoint c = StopgapSafetensors.open(weightsFile);
            weights.add(c);
            return backend.load(definition.apply(c), c, Precision.F32);
        });
    }

    private HostTensor g(String name) {
        return golden.read(name);
    }

    private static void compare(String call, HostTensor actual, HostTensor expected) {
        assertEquals(expected.shape(), actual.shape(), call + " shape");
        float[] a = actual.toFloatArray();
        float[] b = expected.toFloatArray();
        double diff = 0;
        double norm = 0;
        double maxAbs = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            diff += d * d;
            norm += (double) b[i] * b[i];
            maxAbs = Math.max(maxAbs, Math.abs(d));
        }
        double rel = Math.sqrt(diff / norm);
        System.out.printf(Locale.ROOT, "golden %-28s rel-L2 %.3e  max|d| %.3e%n", call, rel, maxAbs);
        assertTrue(rel <= MAX_REL_L2, String.format(Locale.ROOT, "%s: rel-L2 %.3e > %.0e (max|d| %.3e)", call, rel,
                MAX_REL_L2, maxAbs));
    }
}
