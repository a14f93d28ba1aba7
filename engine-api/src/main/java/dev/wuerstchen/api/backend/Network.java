package dev.wuerstchen.api.backend;

import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.tensor.HostTensor;
import java.util.Map;

/** A network ready to run on one backend. Not thread-safe; one caller at a time. */
public interface Network extends AutoCloseable {

    NetworkDefinition definition();

    /**
     * Runs one forward call. Inputs are keyed by the definition's input names; the outputs are
     * host copies the caller owns.
     */
    NetworkOutputs run(Map<String, HostTensor> inputs);

    /** Idempotent; using the network afterwards throws {@link IllegalStateException}. */
    @Override
    void close();
}
