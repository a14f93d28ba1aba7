package dev.wuerstchen.engine.parity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The parts of a golden reference set that {@code wuerstchen parity --only} can select. */
public enum ParityPart {
    TOKENIZER,
    NOISE,
    SCHEDULER;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a comma-separated list such as {@code tokenizer,noise}. */
    public static Set<ParityPart> parse(String list) {
        EnumSet<ParityPart> out = EnumSet.noneOf(ParityPart.class);
        for (String s : list.split(",")) {
            String id = s.strip();
            if (id.isEmpty()) {
                continue;
            }
            ParityPart p = Arrays.stream(values()).filter(v -> v.id().equals(id)).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("unknown parity part '" + id + "'; choose from " + ids()));
            out.add(p);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no parity part given; choose from " + ids());
        }
        return out;
    }

    public static String ids() {
        return Arrays.stream(values()).map(ParityPart::id).collect(Collectors.joining(","));
    }
}
