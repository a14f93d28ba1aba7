package dev.wuerstchen.models.decoder;

import dev.wuerstchen.api.config.DecoderConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The element lists of WuerstchenDiffNeXt's down and up paths (spec 6.3, 6.4), derived from the
 * config exactly as the reference builds its module lists, so key names and skips follow from it.
 */
final class DecoderLayout {

    /** One element of a level list. */
    sealed interface Element {
        /** Index within its list, the number in the weight key. */
        int index();
    }

    /** CLN → conv k=2 s=2 (down) or CLN → transposed conv k=2 s=2 (up). */
    record Resample(int index, int cIn, int cOut) implements Element {
    }

    /** ResBlockStageB with {@code cSkip} concatenated channels. */
    record Res(int index, int cSkip) implements Element {
    }

    record Timestep(int index) implements Element {
    }

    record Attn(int index) implements Element {
    }

    private DecoderLayout() {
    }

    /** Effnet mapper slots: inject_effnet followed by its reverse. */
    static List<Boolean> mapperSlots(DecoderConfig c) {
        List<Boolean> slots = new ArrayList<>(c.injectEffnet());
        slots.addAll(c.injectEffnet().reversed());
        return slots;
    }

    static List<Element> down(DecoderConfig c, int level) {
        List<Element> out = new ArrayList<>();
        if (level > 0) {
            out.add(new Resample(0, c.cHidden().get(level - 1), c.cHidden().get(level)));
        }
        int skip = c.injectEffnet().get(level) ? c.cCond() : 0;
        for (int r = 0; r < c.blocks().get(level); r++) {
            for (char type : c.levelConfig().get(level).toCharArray()) {
                out.add(element(type, out.size(), skip));
            }
        }
        return out;
    }

    /** Up stage {@code stage} serves level {@code levels − 1 − stage}. */
    static List<Element> up(DecoderConfig c, int stage) {
        int level = c.levels() - 1 - stage;
        List<Element> out = new ArrayList<>();
        String types = c.levelConfig().get(level);
        for (int j = 0; j < c.blocks().get(level); j++) {
            for (int k = 0; k < types.length(); k++) {
                int skip = level < c.levels() - 1 && j == 0 && k == 0 ? c.cHidden().get(level) : 0;
                skip += c.injectEffnet().get(level) ? c.cCond() : 0;
                out.add(element(types.charAt(k), out.size(), skip));
            }
        }
        if (level > 0) {
            out.add(new Resample(out.size(), c.cHidden().get(level), c.cHidden().get(level - 1)));
        }
        return out;
    }

    private static Element element(char type, int index, int skip) {
        return switch (type) {
            case 'C' -> new Res(index, skip);
            case 'T' -> new Timestep(index);
            case 'A' -> new Attn(index);
            default -> throw new IllegalArgumentException("level_config block type '" + type + "' is not C, T or A");
        };
    }
}
