package dev.wuerstchen.api.backend;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.nn.NetworkDefinition;

/** An opened backend. Closing it closes every network it loaded. */
public interface Backend extends AutoCloseable {

    String id();

    /**
     * Binds a network definition to a checkpoint. The checkpoint must stay open while the network is
     * used. The caller owns the returned network (closing the backend also closes it).
     */
    Network load(NetworkDefinition definition, Checkpoint checkpoint, Precision precision);

    /** Idempotent. */
    @Override
    void close();
}
