package dev.wuerstchen.api.nn;

import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.List;
import java.util.Map;

/**
 * A network written once against {@link Ops}: the bridge between {@code models} and the backends.
 * A backend either runs {@link #forward} eagerly or traces it into a graph; the definition never
 * knows which.
 */
public interface NetworkDefinition {

    /** A short name used in messages, cache keys and graph names (e.g. {@code "prior"}). */
    String name();

    /** Every weight the checkpoint must hold for this network's family. */
    ParameterManifest manifest();

    /** Inputs in positional order. */
    List<TensorSpec> inputs();

    /** Outputs in positional order. */
    List<TensorSpec> outputs();

    /**
     * Checks a set of input shapes before anything runs; throws
     * {@link dev.wuerstchen.api.error.ShapeMismatchException} naming the input.
     */
    void checkInputs(Map<String, Shape> shapes);

    /** Computes the outputs from the inputs (keys as in {@link #inputs()} and {@link #outputs()}). */
    Map<String, Tensor> forward(Ops ops, Weights weights, Map<String, Tensor> inputs);
}
