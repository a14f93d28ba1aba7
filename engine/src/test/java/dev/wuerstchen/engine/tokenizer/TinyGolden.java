package dev.wuerstchen.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Test access to testdata/golden/tiny: the repository root, the tokenizer folders, the prompts of
 * golden-index.json and the int64 tensors of golden.safetensors (a deliberately tiny reader: 8-byte
 * little-endian header length, JSON header, raw little-endian values).
 */
final class TinyGolden {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private TinyGolden() {}

    static Path repoRoot() {
        String prop = System.getProperty("wuerstchen.root");
        if (prop != null && Files.isDirectory(Path.of(prop, "testdata"))) {
            return Path.of(prop);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("testdata"))) {
                return p;
            }
        }
        throw new IllegalStateException("no folder containing testdata/ above " + Path.of("").toAbsolutePath());
    }

    static Path tiny() {
        return repoRoot().resolve("testdata/golden/tiny");
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

    /** An int64 tensor: its shape and values. */
    record LongTensor(long[] shape, long[] values) {}

    static LongTensor readInt64(String name) {
        Path file = tiny().resolve("golden.safetensors");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0);
            long headerLength = len.flip().getLong();
            ByteBuffer header = ByteBuffer.allocate(Math.toIntExact(headerLength));
            readFully(ch, header, 8);
            JsonNode entry = MAPPER.readTree(header.array()).get(name);
            if (entry == null) {
                throw new IllegalArgumentException(name + " is not in " + file);
            }
            if (!"I64".equals(entry.path("dtype").asText())) {
                throw new IllegalArgumentException(name + " is " + entry.path("dtype") + ", not I64");
            }
            long[] shape = MAPPER.convertValue(entry.get("shape"), long[].class);
            long begin = entry.get("data_offsets").get(0).longValue();
            long end = entry.get("data_offsets").get(1).longValue();
            ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(end - begin)).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, data, 8 + headerLength + begin);
            long[] values = new long[data.capacity() / 8];
            data.flip().asLongBuffer().get(values);
            return new LongTensor(shape, values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position + buf.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }
}
