package dev.wuerstchen.backend.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.io.CacheDirs;
import dev.wuerstchen.api.io.Closeables;
import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.error.UnsupportedRequestException;
import dev.wuerstchen.api.nn.NetworkDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ONNX Runtime backend. Owns the networks it loads and closes them when it is closed. The
 * {@link OrtEnvironment} is ONNX Runtime's process-wide singleton and is not closed here.
 */
public final class OrtBackend implements Backend {


    private final OrtEnvironment env;
    private final int threads;
    private final Path cacheDir;
    private final Consumer<String> progress;
    private final List<OrtNetwork> networks = new ArrayList<>();
    private boolean closed;

    /** Export and session messages go to {@link BackendOptions#log()}. */
    OrtBackend(OrtEnvironment env, BackendOptions options) {
        this.env = env;
        this.threads = options.threads();
        this.cacheDir = CacheDirs.onnx(options);
        this.progress = options.log();
    }

    public Path cacheDir() {
        return cacheDir;
    }

    @Override
    public String id() {
        return OrtBackendProvider.ID;
    }

    /**
     * Checks the checkpoint against the network's manifest and returns a network that exports and
     * compiles its graph on the first run of each input-shape signature. Only {@link Precision#F32}.
     */
    @Override
    public synchronized Network load(NetworkDefinition definition, Checkpoint checkpoint, Precision precision) {
        if (closed) {
            throw new IllegalStateException("backend onnxruntime is closed; open a new one to load " + definition.name());
        }
        if (precision != Precision.F32) {
            throw new UnsupportedRequestException("backend onnxruntime: precision " + precision + " for "
                    + definition.name() + " is not supported", "Use F32, the precision the exported graphs compute in");
        }
        definition.manifest().check(checkpoint.names(), n -> checkpoint.info(n).shape());
        OrtNetwork n = new OrtNetwork(definition, checkpoint, env, threads, cacheDir, progress);
        networks.add(n);
        return n;
    }

    /** Closes every network this backend loaded (all of them, even if one fails). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Closeables.closeAllReversed(networks);
        } finally {
            networks.clear();
        }
    }
}
