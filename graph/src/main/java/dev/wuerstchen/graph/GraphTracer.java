package dev.wuerstchen.graph;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.error.WeightsMismatchException;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a network's {@code forward} on {@link RecordingOps} for one set of input shapes and returns
 * the recorded graph. Weights are only referenced (key and shape, checked against the network's
 * manifest); no weight value is read.
 */
public final class GraphTracer {

    private GraphTracer() {
    }

    /**
     * Traces {@code def} for the given input shapes (keyed by input name).
     *
     * @throws ShapeMismatchException if the shapes do not fit the network
     * @throws WeightsMismatchException if the network asks for a weight its manifest does not declare,
     *     or with another shape
     */
    public static Graph trace(NetworkDefinition def, Map<String, Shape> inputShapes) {
        for (String given : inputShapes.keySet()) {
            if (def.inputs().stream().noneMatch(s -> s.name().equals(given))) {
                throw new ShapeMismatchException(def.name() + " input '" + given + "'", "one of "
                        + def.inputs().stream().map(TensorSpec::name).toList(), "an unknown input");
            }
        }
        for (TensorSpec spec : def.inputs()) {
            if (inputShapes.get(spec.name()) == null) {
                throw new ShapeMismatchException(def.name() + " input '" + spec.name() + "'", "a shape",
                        "nothing (shapes given for " + inputShapes.keySet() + ")");
            }
        }
        def.checkInputs(inputShapes);
        RecordingOps ops = new RecordingOps();
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (TensorSpec spec : def.inputs()) {
            inputs.put(spec.name(), ops.input(spec.name(), inputShapes.get(spec.name()), spec.dtype()));
        }
        Map<String, Tensor> produced = def.forward(ops, manifestWeights(def, ops), inputs);
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        for (TensorSpec spec : def.outputs()) {
            Tensor t = produced.get(spec.name());
            if (t == null) {
                throw new IllegalStateException(def.name() + ": forward did not produce output '" + spec.name()
                        + "' (it produced " + produced.keySet() + "). This is a bug in the network definition.");
            }
            if (t.dtype() != spec.dtype()) {
                throw new IllegalStateException(def.name() + ": output '" + spec.name() + "' is " + t.dtype()
                        + " but the definition declares " + spec.dtype() + ". This is a bug in the network definition.");
            }
            outputs.put(spec.name(), t);
        }
        return ops.graph(def.name(), outputs);
    }

    /** Weights that exist exactly as the manifest declares them. */
    private static Weights manifestWeights(NetworkDefinition def, RecordingOps ops) {
        ParameterManifest manifest = def.manifest();
        return (key, expected) -> {
            Shape declared = manifest.shapeOf(key);
            if (declared == null) {
                throw new WeightsMismatchException(def.name(), List.of(key + " (read by forward but not in the manifest)"),
                        List.of(), List.of());
            }
            if (!declared.equals(expected)) {
                throw new WeightsMismatchException(def.name(), List.of(), List.of(),
                        List.of(key + " is " + declared + " in the manifest, forward asked for " + expected));
            }
            return ops.weight(key, declared);
        };
    }
}
