package dev.wuerstchen.engine.parity;

import dev.wuerstchen.api.backend.BackendOptions;
import java.util.Set;

/** What a parity run compares and how. */
public record ParityOptions(Set<ParityPart> parts, NoiseMode noise, String backend, BackendOptions backendOptions) {

    public ParityOptions {
        parts = Set.copyOf(parts);
        backendOptions = backendOptions == null ? BackendOptions.DEFAULTS : backendOptions;
    }

    public ParityOptions(Set<ParityPart> parts, NoiseMode noise, String backend) {
        this(parts, noise, backend, BackendOptions.DEFAULTS);
    }
}
