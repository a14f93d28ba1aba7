package dev.wuerstchen.api.error;

import java.nio.file.Path;

/** A configuration file with a missing or invalid value; the message names {@code file#/key}. */
public final class ConfigException extends WuerstchenException {

    private final Path file;
    private final String jsonPath;

    public ConfigException(Path file, String jsonPath, String problem) {
        super(file + "#" + jsonPath + ": " + problem);
        this.file = file;
        this.jsonPath = jsonPath;
    }

    public Path file() {
        return file;
    }

    public String jsonPath() {
        return jsonPath;
    }
}
