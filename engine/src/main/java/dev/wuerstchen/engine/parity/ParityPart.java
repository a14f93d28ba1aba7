package dev.wuerstchen.engine.parity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The parts of a golden reference set that {@code wuerstchen parity --only} can select. */
public enum ParityPart {
    TOKENIZER(false),
    NOISE(false),
    SCHEDULER(false),
    TEXT_ENCODER(true),
    PRIOR(true),
    DECODER(true),
    VQGAN(true),
    PIPELINE(true);

    private final boolean needsBackend;

    ParityPart(boolean needsBackend) {
        this.needsBackend = needsBackend;
    }

    /** Whether the part runs networks (and so needs a backend). */
    public boolean needsBackend() {
        return needsBackend;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a comma-separated list such as {@code tokenizer,noise}. */
    public static Set<ParityPart> parse(String list) {
        EnumSet<ParityPart> out = EnumSet.noneOf(ParityPart.class);
        for (String s : list.split(",")) {
            String id = s.strip().toLowerCase(Locale.ROOT);
            if (id.isEmpty()) {
                continue;
            }
            ParityPart p = Arrays.stream(values()).filter(v -> v.id().equals(id)).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("unknown part '" + id + "'; choose from " + ids()));
            out.add(p);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no part given; choose from " + ids());
        }
        return out;
    }

    public static String ids() {
        return Arrays.stream(values()).map(ParityPart::id).collect(Collectors.joining(","));
    }
}
