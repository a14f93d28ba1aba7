package dev.wuerstchen.engine.parity;

import dev.wuerstchen.engine.tokenizer.ClipTokenizer;
import dev.wuerstchen.engine.tokenizer.Encoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Token ids and attention masks, exactly, from every tokenizer source the reference holds. */
final class TokenizerParity implements ParityCheck {

    @Override
    public ParityPart part() {
        return ParityPart.TOKENIZER;
    }

    @Override
    public void run(ParitySession session, Consumer<Comparison> out) {
        GoldenReference ref = session.reference();
        Map<String, Path> sources = new LinkedHashMap<>();
        sources.put("prior tokenizer.json", ref.priorFolder().resolve("tokenizer"));
        sources.put("decoder tokenizer.json", ref.decoderFolder().resolve("tokenizer"));
        sources.put("vocab.json+merges.txt", ref.tokenizerSource());
        List<String> prompts = ref.tokenizerPrompts();
        for (Map.Entry<String, Path> source : sources.entrySet()) {
            if (!Files.isDirectory(source.getValue())) {
                continue;
            }
            try (ClipTokenizer tokenizer = ClipTokenizer.load(source.getValue())) {
                for (int j = 0; j < prompts.size(); j++) {
                    String base = "tokenizer." + j;
                    if (!ref.has(base + ".input_ids")) {
                        continue;
                    }
                    Encoding e = tokenizer.encode(prompts.get(j));
                    String tag = " [" + source.getKey() + "]";
                    out.accept(Compare.exact(part(), base + ".input_ids" + tag, e.inputIds(),
                            ref.tensor(base + ".input_ids").toLongArray()));
                    out.accept(Compare.exact(part(), base + ".attention_mask" + tag, e.attentionMask(),
                            ref.tensor(base + ".attention_mask").toLongArray()));
                }
            }
        }
    }
}
