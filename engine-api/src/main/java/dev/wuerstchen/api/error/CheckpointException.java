package dev.wuerstchen.api.error;

import java.nio.file.Path;

/** A checkpoint file or model folder that cannot be read as it is: truncated, corrupt, incomplete. */
public final class CheckpointException extends WuerstchenException {

    private final Path file;

    public CheckpointException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public CheckpointException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
