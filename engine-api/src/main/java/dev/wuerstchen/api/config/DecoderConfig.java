package dev.wuerstchen.api.config;

import java.nio.file.Path;
import java.util.List;

/** {@code decoder/config.json} of WuerstchenDiffNeXt (spec 6). */
public record DecoderConfig(int cIn, int cOut, int cR, int patchSize, int cCond, List<Integer> cHidden,
        List<Integer> nhead, List<Integer> blocks, List<String> levelConfig, List<Boolean> injectEffnet,
        int effnetEmbd, int clipEmbd, int kernelSize) {

    /** The published warp-ai/wuerstchen decoder configuration. */
    public static final DecoderConfig PUBLISHED = new DecoderConfig(4, 4, 64, 2, 1024, List.of(320, 640, 1280, 1280),
            List.of(-1, 10, 20, 20), List.of(4, 4, 14, 4), List.of("CT", "CTA", "CTA", "CTA"),
            List.of(false, true, true, true), 16, 1024, 3);

    public DecoderConfig {
        cHidden = List.copyOf(cHidden);
        nhead = List.copyOf(nhead);
        blocks = List.copyOf(blocks);
        levelConfig = List.copyOf(levelConfig);
        injectEffnet = List.copyOf(injectEffnet);
        int levels = cHidden.size();
        if (levels == 0 || nhead.size() != levels || blocks.size() != levels || levelConfig.size() != levels
                || injectEffnet.size() != levels) {
            throw new IllegalArgumentException("c_hidden, nhead, blocks, level_config and inject_effnet must have one entry per level");
        }
        for (int i = 0; i < levels; i++) {
            String lc = levelConfig.get(i);
            if (!lc.matches("[CTA]+")) {
                throw new IllegalArgumentException("level_config entry '" + lc + "' may only hold C, T and A");
            }
            if (lc.contains("A") && (nhead.get(i) <= 0 || cHidden.get(i) % nhead.get(i) != 0)) {
                throw new IllegalArgumentException("level " + i + " has attention but c_hidden " + cHidden.get(i)
                        + " is not a multiple of nhead " + nhead.get(i));
            }
        }
        if (kernelSize % 2 != 1) {
            throw new IllegalArgumentException("kernel_size must be odd, got " + kernelSize);
        }
    }

    public int levels() {
        return cHidden.size();
    }

    public static DecoderConfig load(Path file) {
        ConfigReader r = ConfigReader.read(file);
        List<Integer> cHidden = r.requireIntList("c_hidden");
        List<Integer> nhead = r.requireIntList("nhead");
        List<Integer> blocks = r.requireIntList("blocks");
        List<String> levelConfig = r.requireStringList("level_config");
        List<Boolean> inject = r.requireBooleanList("inject_effnet");
        int levels = cHidden.size();
        for (var e : List.of(java.util.Map.entry("nhead", nhead.size()), java.util.Map.entry("blocks", blocks.size()),
                java.util.Map.entry("level_config", levelConfig.size()), java.util.Map.entry("inject_effnet", inject.size()))) {
            if (e.getValue() != levels) {
                throw r.invalid(e.getKey(), "has " + e.getValue() + " entries but c_hidden has " + levels);
            }
        }
        int cIn = r.optPositiveInt("c_in", 4);
        int cOut = r.optPositiveInt("c_out", 4);
        int cR = r.optPositiveInt("c_r", 64);
        int patch = r.optPositiveInt("patch_size", 2);
        int cCond = r.requirePositiveInt("c_cond");
        int effnet = r.optPositiveInt("effnet_embd", 16);
        int clip = r.requirePositiveInt("clip_embd");
        int kernel = r.optPositiveInt("kernel_size", 3);
        try {
            return new DecoderConfig(cIn, cOut, cR, patch, cCond, cHidden, nhead, blocks, levelConfig, inject, effnet, clip, kernel);
        } catch (IllegalArgumentException e) {
            // the message names the keys involved (level_config, nhead, c_hidden or kernel_size)
            throw r.invalid("level_config", e.getMessage());
        }
    }
}
