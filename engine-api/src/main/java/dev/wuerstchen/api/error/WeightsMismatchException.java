package dev.wuerstchen.api.error;

import java.util.List;

/** A checkpoint does not hold exactly the weights a network built from its config needs. */
public final class WeightsMismatchException extends WuerstchenException {

    private final List<String> missing;
    private final List<String> unexpected;
    private final List<String> misShaped;

    public WeightsMismatchException(String network, List<String> missing, List<String> unexpected,
            List<String> misShaped) {
        super(message(network, missing, unexpected, misShaped));
        this.missing = List.copyOf(missing);
        this.unexpected = List.copyOf(unexpected);
        this.misShaped = List.copyOf(misShaped);
    }

    public List<String> missing() {
        return missing;
    }

    public List<String> unexpected() {
        return unexpected;
    }

    public List<String> misShaped() {
        return misShaped;
    }

    private static String message(String network, List<String> missing, List<String> unexpected,
            List<String> misShaped) {
        StringBuilder b = new StringBuilder(network).append(": the checkpoint does not match the network built from its config.");
        append(b, "missing", missing);
        append(b, "unexpected", unexpected);
        append(b, "wrong shape", misShaped);
        b.append(" Check that the weights file and config.json come from the same model (download both again).");
        return b.toString();
    }

    private static void append(StringBuilder b, String what, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        b.append(' ').append(names.size()).append(' ').append(what).append(": ");
        int shown = Math.min(names.size(), 12);
        b.append(String.join(", ", names.subList(0, shown)));
        if (shown < names.size()) {
            b.append(", … (").append(names.size() - shown).append(" more)");
        }
        b.append('.');
    }
}
