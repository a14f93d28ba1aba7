package dev.wuerstchen.engine.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wuerstchen.api.config.ConfigReader;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What a tokenizer folder holds, resolved into one tokenizer.json document plus the two settings the
 * Hugging Face loaders read from the side files: the maximum length and the padding token.
 *
 * @param source       the file the tokenizer definition came from (tokenizer.json, or vocab.json when
 *                     the JSON was built from vocab.json + merges.txt); used in error messages
 * @param json         the tokenizer.json text handed to the tokenizers library
 * @param tree         the same document, parsed
 * @param maxLength    the padded sequence length (model_max_length, 77 for CLIP)
 * @param padToken     the padding token's text
 * @param padTokenFrom the file that named the padding token, or null when the default was used
 */
record TokenizerFolder(Path source, String json, JsonNode tree, int maxLength, String padToken, Path padTokenFrom) {

    static final String TOKENIZER_JSON = "tokenizer.json";
    static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";

    /** CLIP's context length, used when no tokenizer_config.json says otherwise. */
    static final int DEFAULT_MAX_LENGTH = 77;

    /** transformers writes a huge sentinel (about 1e30) as model_max_length when none is known. */
    private static final long UNSET_MAX_LENGTH = 1_000_000_000L;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static TokenizerFolder read(Path folder) {
        if (!Files.exists(folder)) {
            throw new CheckpointException(folder, "tokenizer folder does not exist. Pass the model's tokenizer/"
                    + " folder (it holds tokenizer.json, or vocab.json + merges.txt)");
        }
        if (!Files.isDirectory(folder)) {
            throw new CheckpointException(folder, "is not a folder. Pass the model's tokenizer/ folder (it holds"
                    + " tokenizer.json, or vocab.json + merges.txt), not a file");
        }
        Path tokenizerJson = folder.resolve(TOKENIZER_JSON);
        Path source;
        String json;
        JsonNode tree;
        if (Files.exists(tokenizerJson)) {
            source = tokenizerJson;
            json = readTokenizerJson(tokenizerJson);
            tree = parseTokenizerJson(tokenizerJson, json);
        } else {
            Path vocab = folder.resolve(BpeFiles.VOCAB);
            Path merges = folder.resolve(BpeFiles.MERGES);
            boolean hasVocab = Files.exists(vocab);
            boolean hasMerges = Files.exists(merges);
            if (!hasVocab && !hasMerges) {
                throw new CheckpointException(folder, "holds neither tokenizer.json nor vocab.json + merges.txt."
                        + " Pass the model's tokenizer/ folder, or download it again");
            }
            if (!hasVocab || !hasMerges) {
                Path missing = hasVocab ? merges : vocab;
                Path present = hasVocab ? vocab : merges;
                throw new CheckpointException(missing, "file is missing (" + present.getFileName()
                        + " is there, and there is no tokenizer.json). vocab.json and merges.txt only work"
                        + " together; download the model's tokenizer/ folder again");
            }
            BpeFiles.Contents contents = BpeFiles.read(vocab, merges, MAPPER);
            for (String special : new String[] {ClipTokenizerJson.BOS, ClipTokenizerJson.EOS}) {
                if (!contents.vocab().has(special)) {
                    throw new CheckpointException(vocab, "has no entry for the special token " + special
                            + ", so it is not a CLIP vocabulary. Use the tokenizer/ folder of a Würstchen or"
                            + " CLIP checkpoint");
                }
            }
            ObjectNode built = ClipTokenizerJson.build(contents);
            source = vocab;
            tree = built;
            json = toJson(built);
        }
        return withSettings(folder, source, json, tree);
    }

    private static TokenizerFolder withSettings(Path folder, Path source, String json, JsonNode tree) {
        int maxLength = DEFAULT_MAX_LENGTH;
        String padToken = ClipTokenizerJson.EOS;
        Path padFrom = null;
        Path configFile = folder.resolve(TOKENIZER_CONFIG);
        if (Files.exists(configFile)) {
            ConfigReader config = ConfigReader.read(configFile);
            maxLength = maxLength(config);
            String pad = tokenText(config, "pad_token");
            if (pad != null) {
                padToken = pad;
                padFrom = configFile;
            }
        }
        // transformers lets special_tokens_map.json override the special tokens of tokenizer_config.json.
        Path mapFile = folder.resolve(SPECIAL_TOKENS_MAP);
        if (Files.exists(mapFile)) {
            String pad = tokenText(ConfigReader.read(mapFile), "pad_token");
            if (pad != null) {
                padToken = pad;
                padFrom = mapFile;
            }
        }
        return new TokenizerFolder(source, json, tree, maxLength, padToken, padFrom);
    }

    private static int maxLength(ConfigReader config) {
        JsonNode v = config.node().get("model_max_length");
        if (v == null || v.isNull()) {
            return DEFAULT_MAX_LENGTH;
        }
        if (!v.isNumber() || (v.isFloatingPointNumber() && v.doubleValue() != Math.rint(v.doubleValue()))) {
            throw new ConfigException(config.file(), "/model_max_length", "must be an integer, not " + v
                    + ". CLIP tokenizers use 77; restore the file from the original download");
        }
        double value = v.doubleValue();
        if (value >= UNSET_MAX_LENGTH) {
            return DEFAULT_MAX_LENGTH;
        }
        if (value < 2) {
            throw new ConfigException(config.file(), "/model_max_length", "is " + v + ", but a sequence needs"
                    + " room for the start and end tokens (at least 2). CLIP tokenizers use 77");
        }
        return (int) value;
    }

    /** A special-token entry is either the token text or an AddedToken object with "content". */
    private static String tokenText(ConfigReader config, String key) {
        JsonNode v = config.node().get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isObject() && v.path("content").isTextual()) {
            return v.get("content").textValue();
        }
        throw new ConfigException(config.file(), "/" + key, "must be a token string or an object with a"
                + " \"content\" string, not " + v + ". Restore the file from the original download");
    }

    private static String toJson(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree built in memory could not be written", e);
        }
    }

    private static String readTokenizerJson(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "file is missing. Download the model's tokenizer/ folder again", e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new CheckpointException(file, "is not valid UTF-8 text. Download the model's tokenizer/"
                    + " folder again", e);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot be read (" + e.getMessage() + "). Check that the file"
                    + " is readable", e);
        }
    }

    private static JsonNode parseTokenizerJson(Path file, String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new CheckpointException(file, "is not valid JSON" + where + " (" + e.getOriginalMessage()
                    + "). Download the model's tokenizer/ folder again, or delete tokenizer.json to use"
                    + " vocab.json + merges.txt instead", e);
        }
        if (tree == null || !tree.isObject() || !tree.path("model").isObject()) {
            throw new CheckpointException(file, "is not a tokenizer definition (no \"model\" object)."
                    + " Download the model's tokenizer/ folder again");
        }
        return tree;
    }
}
