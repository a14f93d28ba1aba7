package dev.wuerstchen.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Token ids and attention masks must equal what transformers produced for the golden prompts. */
class ClipTokenizerGoldenTest {

    static Stream<Arguments> cases() {
        List<String> prompts = TinyGolden.tokenizerPrompts();
        List<Arguments> cases = new ArrayList<>();
        for (Path folder : List.of(TinyGolden.jsonTokenizerFolder(), TinyGolden.twoFileTokenizerFolder())) {
            for (int i = 0; i < prompts.size(); i++) {
                cases.add(Arguments.of(folder.getParent().getFileName() + "/" + folder.getFileName(), folder, i,
                        prompts.get(i)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} prompt {2}")
    @MethodSource("cases")
    void encodeEqualsGolden(String label, Path folder, int index, String prompt) {
        HostTensor ids = TinyGolden.readInt64("tokenizer." + index + ".input_ids");
        HostTensor mask = TinyGolden.readInt64("tokenizer." + index + ".attention_mask");
        try (ClipTokenizer tokenizer = ClipTokenizer.load(folder)) {
            Encoding e = tokenizer.encode(prompt);
            assertArrayEquals(ids.toLongArray(), e.inputIds(), "input_ids of \"" + prompt + "\"");
            assertArrayEquals(mask.toLongArray(), e.attentionMask(), "attention_mask of \"" + prompt + "\"");
            assertFalse(e.truncated());

            var batch = tokenizer.encodeBatch(List.of(prompt));
            assertEquals(DType.I64, batch.inputIds().dtype());
            assertArrayEquals(new int[] {ids.shape().dim(0), ids.shape().dim(1)}, batch.inputIds().shape().dims());
            assertArrayEquals(ids.toLongArray(), batch.inputIds().toLongArray());
            assertArrayEquals(mask.toLongArray(), batch.attentionMask().toLongArray());
        }
    }
}
