package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.nn.TensorSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a network's named inputs (or outputs) with a model's ports: by tensor name (or an alias)
 * when every name is found, otherwise by position — exported graphs and IR files do not always keep
 * names (a traced positional example gives generated ones, or none).
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
     */
    static List<Slot> bind(String model, String kind, List<TensorSpec> ours, List<OvPort> theirs,
            Map<String, String> aliases, boolean exact) {
        List<Slot> byName = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (TensorSpec spec : ours) {
            String alias = aliases.get(spec.name());
            OvPort match = theirs.stream().filter(p -> p.name() != null
                    && (p.name().equals(spec.name()) || p.name().equals(alias)) && !used.contains(p.index()))
                    .findFirst().orElse(null);
            if (match == null) {
                byName = null;
                break;
            }
            used.add(match.index());
            byName.add(new Slot(spec.name(), match));
        }
        boolean countsFit = exact ? ours.size() == theirs.size() : ours.size() <= theirs.size();
        if (byName != null && (!exact || countsFit)) {
            return List.copyOf(byName);
        }
        if (!countsFit) {
            throw new ModelMismatchException(model + ": the network has " + kind + "s "
                    + ours.stream().map(TensorSpec::name).toList() + " but the model has " + theirs + ". Use the model "
                    + "file exported for this network");
        }
        List<Slot> byPosition = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            byPosition.add(new Slot(ours.get(i).name(), theirs.get(i)));
        }
        return List.copyOf(byPosition);
    }
}
