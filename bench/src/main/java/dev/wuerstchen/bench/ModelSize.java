package dev.wuerstchen.bench;

import java.util.Arrays;
import java.util.Locale;

/** Which configuration a step benchmark builds. */
public enum ModelSize {
    /** The published warp-ai configurations (spec 2): the real cost of a step. */
    PUBLISHED,
    /** The tiny configurations of the golden test set: same code paths, milliseconds per step. */
    TINY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelSize parse(String id) {
        return Arrays.stream(values()).filter(v -> v.id().equals(id)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("model size '" + id + "' is unknown. Use one of "
                        + Arrays.stream(values()).map(ModelSize::id).toList()));
    }
}
