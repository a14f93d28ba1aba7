package dev.wuerstchen.engine.parity;

import java.util.Set;

/** What a parity run compares and how. */
public record ParityOptions(Set<ParityPart> parts, NoiseMode noise, String backend) {

    public ParityOptions {
        parts = Set.copyOf(parts);
    }
}
