package dev.wuerstchen.bench;

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
 * Counts the FLOPs of one forward call by running the network's own {@code forward} on an
 * {@link dev.wuerstchen.api.ops.Ops} that only tracks shapes ({@link CountingOps}): the count
 * follows the code that actually runs, not a formula kept beside it. Takes milliseconds for the
 * published networks; no weight is allocated.
 */
public final class FlopCounter {

    private FlopCounter() {
    }

    /** FLOPs of {@code definition.forward} on inputs of these shapes (keys as its input names). */
    public static FlopCount count(NetworkDefinition definition, Map<String, Shape> inputShapes) {
        definition.checkInputs(inputShapes);
        CountingOps ops = new CountingOps();
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (TensorSpec spec : definition.inputs()) {
            inputs.put(spec.name(), new CountingOps.ShapeTensor(inputShapes.get(spec.name()), spec.dtype()));
        }
        definition.forward(ops, shapeWeights(definition.manifest()), inputs);
        return ops.result();
    }

    private static Weights shapeWeights(ParameterManifest manifest) {
        return (key, expected) -> {
            Shape declared = manifest.shapeOf(key);
            if (declared == null) {
                throw new WeightsMismatchException(manifest.network(),
                        List.of(key + " (requested by the network code but not in its manifest)"), List.of(), List.of());
            }
            if (!declared.equals(expected)) {
                throw new WeightsMismatchException(manifest.network(), List.of(), List.of(),
                        List.of(key + " is " + declared + " in the manifest, but the network code requested " + expected));
            }
            return CountingOps.of(expected);
        };
    }
}
