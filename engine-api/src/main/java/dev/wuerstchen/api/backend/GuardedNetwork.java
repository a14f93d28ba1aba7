package dev.wuerstchen.api.backend;

import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.NetworkInputs;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Map;

/**
 * What every backend's {@link Network} does the same way, written once: calls are serialised, the
 * inputs are checked against the definition before the backend sees them, a closed network refuses
 * to run with a message naming it, and {@link #close} is idempotent. A backend supplies
 * {@link #execute} and {@link #release}.
 */
public abstract class GuardedNetwork implements Network {

    private final NetworkDefinition definition;
    private final String runsOn;
    private boolean closed;

    /**
     * @param runsOn where the network runs, for messages (a backend name, or a backend and a file)
     */
    protected GuardedNetwork(NetworkDefinition definition, String runsOn) {
        this.definition = definition;
        this.runsOn = runsOn;
    }

    @Override
    public final NetworkDefinition definition() {
        return definition;
    }

    @Override
    public final synchronized NetworkOutputs run(Map<String, HostTensor> inputs) {
        if (closed) {
            throw new IllegalStateException("network '" + definition.name() + "' on " + runsOn
                    + " is closed. Load it again to run it");
        }
        return execute(inputs, NetworkInputs.check(definition, inputs));
    }

    /**
     * One forward call on checked inputs (called with this network's lock held).
     *
     * @param shapes the input shapes by name, in the definition's order
     */
    protected abstract NetworkOutputs execute(Map<String, HostTensor> inputs, Map<String, Shape> shapes);

    @Override
    public final synchronized void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    /** Frees what this network owns; called once, with this network's lock held. */
    protected abstract void release();
}
