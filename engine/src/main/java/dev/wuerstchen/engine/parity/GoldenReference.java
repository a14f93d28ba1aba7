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
import java.util.Optional;
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

    /** What made the reference, as its metadata says: the PyTorch version and the diffusers commit. */
    public String provenance() {
        String commit = meta.path("diffusers_commit").asText("unknown");
        return "PyTorch " + meta.path("torch").asText("unknown") + ", diffusers "
                + (commit.length() > 12 ? commit.substring(0, 12) : commit);
    }

    /**
     * A known, explained difference to expect against this reference, if any. The engine computes the
     * ratio-embedding frequencies with PyTorch 2's float32 exp (correctly rounded for them); PyTorch
     * 1.13's rounds one of them an ulp lower, which alone moves every prior and decoder call by about
     * 1e-5 relative (measured against references made with 1.13).
     */
    public Optional<String> caveat() {
        String torch = meta.path("torch").asText("");
        if (!torch.startsWith("1.")) {
            return Optional.empty();
        }
        return Optional.of("this reference was made with PyTorch " + torch + ", whose float32 exp rounds a ratio-embedding "
                + "frequency differently from PyTorch 2 (which the engine follows): expect prior and decoder calls "
                + "about 1e-5 apart instead of 1e-7, and more 8-bit values one step apart at high guidance");
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
