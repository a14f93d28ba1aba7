package dev.wuerstchen.backend.nd4j;

import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.io.Closeables;
import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.error.UnsupportedRequestException;
import dev.wuerstchen.api.nn.NetworkDefinition;
import java.util.ArrayList;
import java.util.List;

/** The opened ND4J backend; closing it closes every network it loaded. Not thread-safe. */
public final class Nd4jBackend implements Backend {

    private final List<Nd4jNetwork> networks = new ArrayList<>();
    private boolean closed;

    Nd4jBackend() {
    }

    @Override
    public String id() {
        return Nd4jBackendProvider.ID;
    }

    /**
     * Checks the checkpoint against the definition's manifest, then copies every weight into ND4J
     * once (float32). The checkpoint may be closed afterwards.
     */
    @Override
    public Network load(NetworkDefinition definition, Checkpoint checkpoint, Precision precision) {
        if (closed) {
            throw new IllegalStateException("backend 'nd4j' is closed. Open a new one to load '" + definition.name() + "'");
        }
        if (precision != Precision.F32) {
            throw new UnsupportedRequestException("backend 'nd4j' cannot run '" + definition.name() + "' in " + precision,
                    "It computes in float32 only; load with Precision.F32, or use the openvino backend for " + precision);
        }
        Nd4jNetwork[] holder = new Nd4jNetwork[1];
        Nd4jNetwork network = new Nd4jNetwork(definition, Nd4jWeights.load(definition.manifest(), checkpoint),
                () -> networks.remove(holder[0]));
        holder[0] = network;
        networks.add(network);
        return network;
    }

    @Override
    public void close() {
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
