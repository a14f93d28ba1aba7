package dev.wuerstchen.engine.parity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.Checkpoints;
import dev.wuerstchen.api.config.ConfigReader;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A reference folder made by the golden script: the tiny model pair in the diffusers layout, the
 * recorded tensors ({@code golden.safetensors}) and their index with the case's settings
 * ({@code golden-index.json}). Nothing here assumes a particular case.
 */
public final class GoldenReference implements AutoCloseable {

    private final Path root;
    private final Checkpoint tensors;
    private final JsonNode meta;

    private GoldenReference(Path root, Checkpoint tensors, JsonNode meta) {
        this.root = root;
        this.tensors = tensors;
        this.meta = meta;
    }

    /** Opens a reference folder; the caller closes it. */
    public static GoldenReference open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new CheckpointException(root, "is not a folder. Pass a golden reference folder (one holding "
                    + "golden.safetensors, golden-index.json, wuerstchen-prior/ and wuerstchen/)");
        }
        for (String f : new String[] {"golden.safetensors", "golden-index.json"}) {
            if (!Files.isRegularFile(root.resolve(f))) {
                throw new CheckpointException(root.resolve(f), "is missing, so " + root
                        + " is not a golden reference folder. Pass the folder that holds golden.safetensors");
            }
        }
        ConfigReader index = ConfigReader.read(root.resolve("golden-index.json"));
        JsonNode meta = index.node().get("meta");
        if (meta == null || !meta.isObject() || !meta.has("config")) {
            throw index.invalid("meta", "the golden index has no meta.config object. Regenerate the reference set");
        }
        return new GoldenReference(root, Checkpoints.open(root.resolve("golden.safetensors")), meta);
    }

    public Path root() {
        return root;
    }

    public Path priorFolder() {
        return root.resolve("wuerstchen-prior");
    }

    public Path decoderFolder() {
        return root.resolve("wuerstchen");
    }

    /** The same tokenizer in the two-file format the published checkpoints ship. */
    public Path tokenizerSource() {
        return root.resolve("_tokenizer_src");
    }

    /** The case's settings ({@code meta.config}). */
    public JsonNode config() {
        return meta.get("config");
    }

    /** The case's seed; the pipelines drew from {@code seed + 1}, the scheduler test from {@code seed + 2}. */
    public long seed() {
        return config().path("seed").asLong();
    }

    public List<String> tokenizerPrompts() {
        List<String> out = new ArrayList<>();
        meta.path("tokenizer_prompts").forEach(n -> out.add(n.asText()));
        return out;
    }

    public boolean has(String name) {
        return tensors.names().contains(name);
    }

    public HostTensor tensor(String name) {
        return tensors.read(name);
    }

    public Shape shape(String name) {
        return tensors.info(name).shape();
    }

    /** Stored names matching a regular expression, sorted. */
    public List<String> names(String regex) {
        Pattern p = Pattern.compile(regex);
        return tensors.names().stream().filter(n -> p.matcher(n).matches()).sorted().toList();
    }

    @Override
    public void close() {
        tensors.close();
    }
}
