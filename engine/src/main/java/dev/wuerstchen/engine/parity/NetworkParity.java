package dev.wuerstchen.engine.parity;

import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.engine.LoadedModels;
import dev.wuerstchen.engine.ModelPair.Role;
import dev.wuerstchen.models.clip.ClipTextEncoder;
import dev.wuerstchen.models.decoder.WuerstchenDiffNeXt;
import dev.wuerstchen.models.prior.WuerstchenPrior;
import dev.wuerstchen.models.vqgan.PaellaVqNetwork;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every recorded network call, fed its recorded inputs: the two text encoders, the prior, the
 * decoder, and the VQGAN's decode, encode and quantize.
 */
final class NetworkParity implements ParityCheck {

    /** Single network calls (README of the golden set: a correct implementation reaches about 1e-5). */
    static final double TOLERANCE = 1e-4;

    private final ParityPart part;

    NetworkParity(ParityPart part) {
        this.part = part;
    }

    @Override
    public ParityPart part() {
        return part;
    }

    @Override
    public void run(ParitySession session, Consumer<Comparison> out) {
        GoldenReference ref = session.reference();
        LoadedModels models = session.models();
        switch (part) {
            case TEXT_ENCODER -> {
                textEncoder(ref, models, "prior_text_encoder", Role.PRIOR_TEXT_ENCODER, out);
                textEncoder(ref, models, "decoder_text_encoder", Role.DECODER_TEXT_ENCODER, out);
            }
            case PRIOR -> calls(ref, "prior", out, (base, inputs) -> {
                inputs.put(WuerstchenPrior.X, ref.tensor(base + ".arg0"));
                inputs.put(WuerstchenPrior.R, ref.tensor(base + ".r"));
                inputs.put(WuerstchenPrior.C, ref.tensor(base + ".c"));
                return models.network(Role.PRIOR).run(inputs).get(WuerstchenPrior.EPS);
            });
            case DECODER -> calls(ref, "decoder", out, (base, inputs) -> {
                inputs.put(WuerstchenDiffNeXt.X, ref.tensor(base + ".arg0"));
                inputs.put(WuerstchenDiffNeXt.R, ref.tensor(base + ".r"));
                inputs.put(WuerstchenDiffNeXt.EFFNET, ref.tensor(base + ".effnet"));
                inputs.put(WuerstchenDiffNeXt.CLIP, ref.tensor(base + ".clip"));
                return models.network(Role.DECODER).run(inputs).get(WuerstchenDiffNeXt.EPS);
            });
            case VQGAN -> {
                vqgan(ref, models, Role.VQGAN_DECODE, "vqgan.decode.in", "vqgan.decode.out", out);
                vqgan(ref, models, Role.VQGAN_ENCODE, "vqgan.encode.in", "vqgan.encode.latents", out);
                vqgan(ref, models, Role.VQGAN_QUANTIZE, "vqgan.encode.latents", "vqgan.quantize.out", out);
            }
            default -> throw new IllegalStateException("not a network part: " + part);
        }
    }

    /** Runs one recorded call from its inputs. */
    @FunctionalInterface
    private interface Call {
        HostTensor run(String base, Map<String, HostTensor> inputs);
    }

    private void calls(GoldenReference ref, String network, Consumer<Comparison> out, Call call) {
        for (String name : ref.names(java.util.regex.Pattern.quote(network) + "\\.call\\d+\\.out")) {
            String base = name.substring(0, name.length() - ".out".length());
            HostTensor result = call.run(base, new LinkedHashMap<>());
            out.accept(Compare.relL2(part, name, result, ref.tensor(name), TOLERANCE));
        }
    }

    private void textEncoder(GoldenReference ref, LoadedModels models, String prefix, Role role, Consumer<Comparison> out) {
        ClipTextEncoder def = (ClipTextEncoder) models.definition(role);
        for (String name : ref.names(prefix + "\\.call\\d+\\.last_hidden_state")) {
            String base = name.substring(0, name.length() - ".last_hidden_state".length());
            HostTensor ids = ref.tensor(base + ".arg0");
            Network network = models.network(role);
            HostTensor hidden = network.run(Map.of(ClipTextEncoder.INPUT_IDS, ids, ClipTextEncoder.ATTENTION_MASK,
                    asFloat(ref.tensor(base + ".attention_mask")))).get(ClipTextEncoder.LAST_HIDDEN_STATE);
            out.accept(Compare.relL2(part, name, hidden, ref.tensor(name), TOLERANCE));
            if (ref.has(base + ".pooler_output")) {
                out.accept(Compare.relL2(part, base + ".pooler_output", ClipTextEncoder.pooledOutput(hidden, ids,
                        def.config()), ref.tensor(base + ".pooler_output"), TOLERANCE));
            }
        }
    }

    private void vqgan(GoldenReference ref, LoadedModels models, Role role, String in, String expected,
            Consumer<Comparison> out) {
        if (!ref.has(in) || !ref.has(expected)) {
            return;
        }
        PaellaVqNetwork.Mode mode = ((PaellaVqNetwork) models.definition(role)).mode();
        HostTensor result = models.network(role).run(Map.of(mode.input(), ref.tensor(in))).get(mode.output());
        out.accept(Compare.relL2(part, expected + " (from " + in + ")", result, ref.tensor(expected), TOLERANCE));
    }

    private static HostTensor asFloat(HostTensor t) {
        return HostTensor.of(t.shape(), t.toFloatArray());
    }
}
