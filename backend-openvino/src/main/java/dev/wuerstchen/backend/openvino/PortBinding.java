package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a network's named inputs (or outputs) with a model's ports. Each tensor is matched by name
 * (or an alias) where the model has it; the tensors left over take, in order, the ports left over that
 * have no usable name (none at all, or one that is none of the network's names): exported graphs and
 * IR files do not always keep names. Every pair is then checked, since a positional match can be wrong
 * (the text encoder's {@code input_ids} and {@code attention_mask} are both (1,77)): integers must meet
 * integer ports and floats floating-point ports, and where the shapes are known, the port must accept
 * them.
 */
final class PortBinding {

    private PortBinding() {
    }

    /** A network tensor and the model port it is fed from or read from. */
    record Slot(String name, OvPort port) {
    }

    /**
     * @param exact true for inputs (every port must be fed, counts equal); false for outputs (the
     *        network's outputs may be a prefix of the model's)
     * @param shapes the shapes the tensors will have, by name, or null if not known yet (inputs are
     *        then checked on every run)
     * @throws ModelMismatchException naming the tensor and the port when they cannot go together
     */
    static List<Slot> bind(String model, String kind, List<TensorSpec> ours, List<OvPort> theirs,
            Map<String, String> aliases, boolean exact, Map<String, Shape> shapes) {
        boolean countsFit = exact ? ours.size() == theirs.size() : ours.size() <= theirs.size();
        if (!countsFit) {
            throw new ModelMismatchException(model + ": the network has " + kind + "s "
                    + ours.stream().map(TensorSpec::name).toList() + " but the model has " + theirs + ". Use the model "
                    + "file exported for this network");
        }
        Set<String> usable = new HashSet<>();
        Slot[] slots = new Slot[ours.size()];
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < ours.size(); i++) {
            String name = ours.get(i).name();
            String alias = aliases.get(name);
            usable.add(name);
            if (alias != null) {
                usable.add(alias);
            }
            OvPort match = theirs.stream().filter(p -> p.name() != null && (p.name().equals(name) || p.name().equals(alias))
                    && !used.contains(p.index())).findFirst().orElse(null);
            if (match != null) {
                used.add(match.index());
                slots[i] = new Slot(name, match);
            }
        }
        Iterator<OvPort> nameless = theirs.stream()
                .filter(p -> !used.contains(p.index()) && (p.name() == null || !usable.contains(p.name()))).iterator();
        List<Slot> out = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            TensorSpec spec = ours.get(i);
            Slot slot = slots[i];
            if (slot == null) {
                if (!nameless.hasNext()) {
                    throw new ModelMismatchException(model + ": the network's " + kind + " '" + spec.name() + "' has no "
                            + kind + " of that name in the model, and no unnamed one is left for it (the model has "
                            + theirs + "). Use the model file exported for this network");
                }
                slot = new Slot(spec.name(), nameless.next());
            }
            check(model, kind, spec, slot.port(), shapes == null ? null : shapes.get(spec.name()));
            out.add(slot);
        }
        return List.copyOf(out);
    }

    private static void check(String model, String kind, TensorSpec spec, OvPort port, Shape shape) {
        ElementType type = port.type();
        boolean known = type != ElementType.UNDEFINED && type != ElementType.DYNAMIC;
        if (known && spec.dtype().isFloatingPoint() != type.isFloatingPoint()) {
            throw new ModelMismatchException(model + ": " + kind + " " + port + " would carry the network's " + kind
                    + " '" + spec.name() + "', which is " + spec.dtype() + ": " + (type.isFloatingPoint() ? "a "
                            + "floating-point port cannot take integer values" : "an integer port cannot take "
                            + "floating-point values") + ". The model's " + kind + "s are in another order or meaning than "
                    + "the network's; use the model file exported for this network");
        }
        if (shape != null && !port.shape().accepts(Arrays.stream(shape.dims()).asLongStream().toArray())) {
            throw new ModelMismatchException(model + ": " + kind + " " + port + " would carry the network's " + kind
                    + " '" + spec.name() + "' of shape " + shape + ", which it does not accept. Use the model file "
                    + "exported for these shapes");
        }
    }
}
