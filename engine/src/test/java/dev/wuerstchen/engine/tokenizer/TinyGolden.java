package dev.wuerstchen.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wuerstchen.api.TestData;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.Checkpoints;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test access to testdata/golden/tiny: the tokenizer folders, the prompts of golden-index.json and
 * the int64 tensors of golden.safetensors.
 */
final class TinyGolden {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private TinyGolden() {}

    static Path tiny() {
        return TestData.tiny();
    }

    /** The folder with tokenizer.json (+ tokenizer_config.json). */
    static Path jsonTokenizerFolder() {
        return tiny().resolve("wuerstchen-prior/tokenizer");
    }

    /** The folder with only vocab.json + merges.txt. */
    static Path twoFileTokenizerFolder() {
        return tiny().resolve("_tokenizer_src");
    }

    static List<String> tokenizerPrompts() {
        try {
            JsonNode index = MAPPER.readTree(tiny().resolve("golden-index.json").toFile());
            List<String> prompts = new ArrayList<>();
            for (JsonNode p : index.path("meta").path("tokenizer_prompts")) {
                prompts.add(p.textValue());
            }
            if (prompts.isEmpty()) {
                throw new IllegalStateException("golden-index.json has no meta.tokenizer_prompts");
            }
            return prompts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An int64 tensor of golden.safetensors. */
    static HostTensor readInt64(String name) {
        Path file = tiny().resolve("golden.safetensors");
        try (Checkpoint golden = Checkpoints.open(file)) {
            if (!golden.names().contains(name)) {
                throw new IllegalArgumentException(name + " is not in " + file);
            }
            DType dtype = golden.info(name).dtype();
            if (dtype != DType.I64) {
                throw new IllegalArgumentException(name + " is " + dtype + ", not I64");
            }
            return golden.read(name);
        }
    }
}
