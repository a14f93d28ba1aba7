package dev.wuerstchen.engine;

import dev.wuerstchen.api.backend.Availability;
import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.backend.BackendProvider;
import dev.wuerstchen.api.error.BackendUnavailableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Discovers backends on the class path and selects one by id. Nothing else. */
public final class BackendRegistry {

    private final List<BackendProvider> providers;

    private BackendRegistry(List<BackendProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** The providers registered in {@code META-INF/services}, sorted by id. */
    public static BackendRegistry discover() {
        List<BackendProvider> found = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(found::add);
        found.sort(Comparator.comparing(BackendProvider::id));
        return new BackendRegistry(found);
    }

    /** A registry over explicit providers (tests, embedding). */
    public static BackendRegistry of(List<BackendProvider> providers) {
        return new BackendRegistry(providers);
    }

    public List<BackendProvider> providers() {
        return providers;
    }

    public List<String> ids() {
        return providers.stream().map(BackendProvider::id).toList();
    }

    /**
     * The provider with this id.
     *
     * @throws IllegalArgumentException naming the known ids
     */
    public BackendProvider provider(String id) {
        return providers.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown backend '" + id + "'; available: "
                        + providers.stream().map(BackendProvider::id).collect(Collectors.joining(", "))));
    }

    /**
     * Probes (with the same options, so an explicit runtime path is what gets probed) and opens a
     * backend; the caller owns and closes it.
     *
     * @throws BackendUnavailableException if it cannot run here, saying what was searched and how to fix it
     */
    public Backend open(String id, BackendOptions options) {
        BackendProvider p = provider(id);
        if (p.probe(options) instanceof Availability.Unavailable u) {
            throw new BackendUnavailableException(id, u.searched(), u.howToFix());
        }
        return p.open(options);
    }
}
