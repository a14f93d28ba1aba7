package dev.wuerstchen.api.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to one JSON object read from a file. Unknown keys are ignored; a missing or mistyped
 * required key is a {@link ConfigException} naming {@code file#/key}.
 */
public final class ConfigReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final JsonNode root;

    private ConfigReader(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /** Parses a JSON object from a file. */
    public static ConfigReader read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "file is missing. The model folder is incomplete; download the model again");
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
        return parse(file, text);
    }

    /** Parses a JSON object from text that came from {@code file}. */
    public static ConfigReader parse(Path file, String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new ConfigException(file, "/", "is not valid JSON" + where + " (" + e.getOriginalMessage()
                    + "). Restore the file from the original download");
        }
        if (node == null || !node.isObject()) {
            throw new ConfigException(file, "/", "must hold a JSON object. Restore the file from the original download");
        }
        return new ConfigReader(file, node);
    }

    public Path file() {
        return file;
    }

    public JsonNode node() {
        return root;
    }

    public boolean has(String key) {
        return root.hasNonNull(key);
    }

    public int requireInt(String key) {
        JsonNode v = require(key);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw wrong(key, "an integer", v);
        }
        return v.intValue();
    }

    /** A required integer that must be at least 1. */
    public int requirePositiveInt(String key) {
        int v = requireInt(key);
        if (v < 1) {
            throw invalid(key, "must be a positive integer, got " + v + ". Restore the file from the original download");
        }
        return v;
    }

    /** An optional integer that must be at least 1 when present. */
    public int optPositiveInt(String key, int fallback) {
        return has(key) ? requirePositiveInt(key) : fallback;
    }

    public int optInt(String key, int fallback) {
        return has(key) ? requireInt(key) : fallback;
    }

    public double requireDouble(String key) {
        JsonNode v = require(key);
        if (!v.isNumber()) {
            throw wrong(key, "a number", v);
        }
        return v.doubleValue();
    }

    public double optDouble(String key, double fallback) {
        return has(key) ? requireDouble(key) : fallback;
    }

    public String requireString(String key) {
        JsonNode v = require(key);
        if (!v.isTextual()) {
            throw wrong(key, "a string", v);
        }
        return v.textValue();
    }

    public String optString(String key, String fallback) {
        return has(key) ? requireString(key) : fallback;
    }

    public List<Integer> requireIntList(String key) {
        List<Integer> out = new ArrayList<>();
        JsonNode arr = requireArray(key);
        for (int i = 0; i < arr.size(); i++) {
            JsonNode v = arr.get(i);
            if (!v.isIntegralNumber()) {
                throw wrong(key + "/" + i, "an integer", v);
            }
            out.add(v.intValue());
        }
        return out;
    }

    public List<Boolean> requireBooleanList(String key) {
        List<Boolean> out = new ArrayList<>();
        JsonNode arr = requireArray(key);
        for (int i = 0; i < arr.size(); i++) {
            JsonNode v = arr.get(i);
            if (!v.isBoolean()) {
                throw wrong(key + "/" + i, "true or false", v);
            }
            out.add(v.booleanValue());
        }
        return out;
    }

    public List<String> requireStringList(String key) {
        List<String> out = new ArrayList<>();
        JsonNode arr = requireArray(key);
        for (int i = 0; i < arr.size(); i++) {
            JsonNode v = arr.get(i);
            if (!v.isTextual()) {
                throw wrong(key + "/" + i, "a string", v);
            }
            out.add(v.textValue());
        }
        return out;
    }

    /** A two-element {@code [library, class]} array such as model_index.json's component entries. */
    public List<String> optStringList(String key) {
        return has(key) && root.get(key).isArray() ? requireStringList(key) : null;
    }

    /** An error for a value that is present but unusable. */
    public ConfigException invalid(String key, String problem) {
        return new ConfigException(file, "/" + key, problem);
    }

    private JsonNode requireArray(String key) {
        JsonNode v = require(key);
        if (!v.isArray()) {
            throw wrong(key, "an array", v);
        }
        return v;
    }

    private JsonNode require(String key) {
        JsonNode v = root.get(key);
        if (v == null || v.isNull()) {
            throw new ConfigException(file, "/" + key, "required key is missing. Restore the file from the original download");
        }
        return v;
    }

    private ConfigException wrong(String key, String expected, JsonNode actual) {
        return new ConfigException(file, "/" + key, "must be " + expected + " but is " + actual
                + ". Restore the file from the original download");
    }
}
