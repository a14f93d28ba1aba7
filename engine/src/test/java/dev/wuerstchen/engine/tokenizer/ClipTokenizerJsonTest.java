package dev.wuerstchen.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer.json built from vocab.json + merges.txt must be the document transformers wrote for
 * the same tokenizer (the golden tokenizer.json).
 */
class ClipTokenizerJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void builtJsonEqualsTransformersOutput() throws IOException {
        Path src = TinyGolden.twoFileTokenizerFolder();
        JsonNode built = ClipTokenizerJson.build(BpeFiles.read(src.resolve("vocab.json"), src.resolve("merges.txt"), MAPPER));
        JsonNode golden = MAPPER.readTree(TinyGolden.jsonTokenizerFolder().resolve("tokenizer.json").toFile());

        for (String part : List.of("normalizer", "pre_tokenizer", "post_processor", "added_tokens", "decoder")) {
            assertEquals(golden.get(part), built.get(part), part);
        }
        assertEquals(golden.at("/model/vocab"), built.at("/model/vocab"), "model.vocab");
        assertEquals(golden.at("/model/merges"), built.at("/model/merges"), "model.merges (order is rank)");
        assertEquals(golden.get("model"), built.get("model"), "the other model fields");
        // Everything else too, and in transformers' key order.
        assertEquals(golden, built);
        assertEquals(fieldNames(golden), fieldNames(built));
        assertEquals(fieldNames(golden.get("model")), fieldNames(built.get("model")));
    }

    @Test
    void builtJsonRoundTripsThroughText() throws IOException {
        // What the library receives is the serialised text; the regex escapes must survive it.
        Path src = TinyGolden.twoFileTokenizerFolder();
        JsonNode built = ClipTokenizerJson.build(BpeFiles.read(src.resolve("vocab.json"), src.resolve("merges.txt"), MAPPER));
        TokenizerFolder folder = TokenizerFolder.read(src);
        assertEquals(built, MAPPER.readTree(folder.json()));
        assertEquals("<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
                MAPPER.readTree(folder.json()).at("/pre_tokenizer/pretokenizers/0/pattern/Regex").textValue());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
