package dev.wuerstchen.backend.nd4j;

import dev.wuerstchen.api.backend.GuardedNetwork;
import dev.wuerstchen.api.backend.NetworkOutputs;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A network definition bound to weights held in ND4J arrays, run eagerly. Every array made during
 * a run is released when the run returns, so repeated runs do not accumulate native memory. Runs
 * share this network's allocation tracker, so {@link #run} and {@link #close} are serialised.
 */
final class Nd4jNetwork extends GuardedNetwork {

    /** New native bytes after which a run asks the collector to find dead intermediates. */
    private static final long GC_EVERY_BYTES = 1L << 30;

    private final Nd4jWeights weights;
    private final Allocations allocations = new Allocations(GC_EVERY_BYTES);
    private final Runnable onClose;

    Nd4jNetwork(NetworkDefinition definition, Nd4jWeights weights, Runnable onClose) {
        super(definition, "nd4j");
        this.weights = weights;
        this.onClose = onClose;
    }

    @Override
    protected NetworkOutputs execute(Map<String, HostTensor> inputs, Map<String, Shape> shapes) {
        try {
            Nd4jOps ops = new Nd4jOps(allocations);
            Map<String, Tensor> in = new LinkedHashMap<>();
            for (TensorSpec spec : definition().inputs()) {
                in.put(spec.name(), ops.constant(inputs.get(spec.name())));
            }
            Map<String, Tensor> out = definition().forward(ops, weights, in);
            Map<String, HostTensor> host = new LinkedHashMap<>();
            for (TensorSpec spec : definition().outputs()) {
                Tensor t = out.get(spec.name());
                if (t == null) {
                    throw new IllegalStateException("network '" + definition().name() + "': forward returned no output '"
                            + spec.name() + "' (it returned " + out.keySet() + "). The network definition is inconsistent");
                }
                host.put(spec.name(), Nd4jOps.toHost(t));
            }
            return new NetworkOutputs(host);
        } finally {
            allocations.releaseAll();
        }
    }

    /** Native bytes of this run's intermediates not yet released (0 between runs). */
    synchronized long liveRunBytes() {
        return allocations.liveBytes();
    }

    @Override
    protected void release() {
        weights.release();
        onClose.run();
    }
}
