package dev.wuerstchen.models.blocks;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Map;

/** Shape checks for network inputs, with messages that name the network and the input. */
public final class InputChecks {

    private InputChecks() {
    }

    public static Shape require(String network, Map<String, Shape> shapes, String name) {
        Shape s = shapes.get(name);
        if (s == null) {
            throw new ShapeMismatchException(network + " input '" + name + "'", "a tensor", "nothing (inputs given: "
                    + shapes.keySet() + ")");
        }
        return s;
    }

    /** Checks rank and the dimensions that are fixed (-1 = any). */
    public static void expect(String network, String name, Shape actual, int... dims) {
        boolean ok = actual.rank() == dims.length;
        for (int i = 0; ok && i < dims.length; i++) {
            ok = dims[i] < 0 || actual.dim(i) == dims[i];
        }
        if (!ok) {
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < dims.length; i++) {
                b.append(i > 0 ? "," : "").append(dims[i] < 0 ? "*" : Integer.toString(dims[i]));
            }
            throw new ShapeMismatchException(network + " input '" + name + "'", b.append(')').toString(), actual.toString());
        }
    }
}
