package dev.wuerstchen.api.nn;

import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The one check every backend makes before running a network: the inputs a caller passes to
 * {@code Network.run} against the definition's {@link NetworkDefinition#inputs()}.
 */
public final class NetworkInputs {

    private NetworkInputs() {
    }

    /**
     * Checks names, element types and shapes, in that order, and returns the input shapes keyed by
     * name in the definition's positional order.
     *
     * @throws IllegalArgumentException for unknown or missing names (naming them and the expected
     *     names) and for a wrong element type (naming the input, the expected and the actual type)
     * @throws dev.wuerstchen.api.error.ShapeMismatchException from {@link NetworkDefinition#checkInputs}
     */
    public static Map<String, Shape> check(NetworkDefinition def, Map<String, HostTensor> inputs) {
        List<String> expected = def.inputs().stream().map(TensorSpec::name).toList();
        TreeSet<String> unknown = new TreeSet<>(inputs.keySet());
        expected.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(def.name() + ": unknown inputs " + unknown + "; its inputs are " + expected
                    + ". Drop " + quoted(unknown) + " or check the spelling");
        }
        List<String> missing = new ArrayList<>();
        for (String name : expected) {
            if (inputs.get(name) == null) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(def.name() + " input" + (missing.size() == 1 ? " " : "s ") + quoted(missing)
                    + (missing.size() == 1 ? " is" : " are") + " missing; its inputs are " + expected + ", given "
                    + new TreeSet<>(inputs.keySet()) + ". Pass a tensor for every input");
        }
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (TensorSpec spec : def.inputs()) {
            HostTensor t = inputs.get(spec.name());
            if (t.dtype() != spec.dtype()) {
                throw new IllegalArgumentException(def.name() + " input '" + spec.name() + "': is " + t.dtype() + " "
                        + t.shape() + " but must be " + spec.dtype() + ". Convert it before the call");
            }
            shapes.put(spec.name(), t.shape());
        }
        def.checkInputs(shapes);
        return shapes;
    }

    private static String quoted(java.util.Collection<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }
}
