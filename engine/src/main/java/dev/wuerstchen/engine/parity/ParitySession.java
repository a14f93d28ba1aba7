package dev.wuerstchen.engine.parity;

import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.config.DecoderModelFolder;
import dev.wuerstchen.api.config.PriorModelFolder;
import dev.wuerstchen.engine.BackendRegistry;
import dev.wuerstchen.engine.LoadedModels;

/**
 * What the checks of one parity run share: the reference, the options, and — opened on first
 * use — the backend with the reference's models loaded on it.
 */
final class ParitySession implements AutoCloseable {

    private final GoldenReference reference;
    private final ParityOptions options;
    private final BackendRegistry registry;
    private Backend backend;
    private LoadedModels models;

    ParitySession(GoldenReference reference, ParityOptions options, BackendRegistry registry) {
        this.reference = reference;
        this.options = options;
        this.registry = registry;
    }

    GoldenReference reference() {
        return reference;
    }

    ParityOptions options() {
        return options;
    }

    LoadedModels models() {
        if (models == null) {
            backend = registry.open(options.backend(), options.backendOptions());
            models = new LoadedModels(backend, PriorModelFolder.load(reference.priorFolder()),
                    DecoderModelFolder.load(reference.decoderFolder()), Precision.F32, null);
        }
        return models;
    }

    @Override
    public void close() {
        try {
            if (models != null) {
                models.close();
            }
        } finally {
            if (backend != null) {
                backend.close();
            }
        }
    }
}
