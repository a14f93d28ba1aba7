package dev.wuerstchen.api.config;

import java.nio.file.Path;

/** {@code prior/config.json} of WuerstchenPrior (spec 5). */
public record PriorConfig(int cIn, int c, int cCond, int cR, int depth, int nhead) {

    /** The published warp-ai/wuerstchen-prior configuration. */
    public static final PriorConfig PUBLISHED = new PriorConfig(16, 1536, 1280, 64, 32, 24);

    public PriorConfig {
        if (cIn <= 0 || c <= 0 || cCond <= 0 || cR <= 0 || depth <= 0 || nhead <= 0) {
            throw new IllegalArgumentException("prior sizes must be positive");
        }
        if (c % nhead != 0) {
            throw new IllegalArgumentException("c " + c + " is not a multiple of nhead " + nhead);
        }
    }

    public static PriorConfig load(Path file) {
        ConfigReader r = ConfigReader.read(file);
        // Constructor defaults in diffusers differ from the published config; require the real keys.
        int c = r.requireInt("c");
        int nhead = r.requireInt("nhead");
        if (c <= 0 || nhead <= 0 || c % nhead != 0) {
            throw r.invalid("nhead", "c = " + c + " must be a positive multiple of nhead = " + nhead);
        }
        return new PriorConfig(r.requirePositiveInt("c_in"), c, r.requirePositiveInt("c_cond"),
                r.has("c_r") ? r.requirePositiveInt("c_r") : 64, r.requirePositiveInt("depth"), nhead);
    }
}
