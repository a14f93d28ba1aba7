package dev.wuerstchen.api.nn;

import dev.wuerstchen.api.error.WeightsMismatchException;
import dev.wuerstchen.api.tensor.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every (key, shape) a network built from its config reads, plus a rule for stored keys that may be
 * present but are never read (buffers such as {@code position_ids} or {@code num_batches_tracked}).
 */
public record ParameterManifest(String network, Map<String, Shape> parameters, Predicate<String> ignorable) {

    public ParameterManifest {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Total number of parameter elements. */
    public long elementCount() {
        long n = 0;
        for (Shape s : parameters.values()) {
            n += s.elementCount();
        }
        return n;
    }

    public Shape shapeOf(String key) {
        return parameters.get(key);
    }

    /**
     * Compares the manifest with what a checkpoint holds and reports every missing, unexpected and
     * mis-shaped name at once.
     *
     * @param stored the stored names
     * @param shapeOf the stored shape of a name
     */
    public void check(Set<String> stored, Function<String, Shape> shapeOf) {
        List<String> missing = new ArrayList<>();
        List<String> misShaped = new ArrayList<>();
        for (Map.Entry<String, Shape> e : parameters.entrySet()) {
            if (!stored.contains(e.getKey())) {
                missing.add(e.getKey());
            } else {
                Shape actual = shapeOf.apply(e.getKey());
                if (!actual.equals(e.getValue())) {
                    misShaped.add(e.getKey() + " is " + actual + ", expected " + e.getValue());
                }
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String name : new TreeSet<>(stored)) {
            if (!parameters.containsKey(name) && !ignorable.test(name)) {
                unexpected.add(name);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !misShaped.isEmpty()) {
            throw new WeightsMismatchException(network, missing, unexpected, misShaped);
        }
    }

    /** Collects entries in the order a network declares them. */
    public static final class Builder {
        private final String network;
        private final Map<String, Shape> parameters = new LinkedHashMap<>();
        private Predicate<String> ignorable = k -> false;

        public Builder(String network) {
            this.network = network;
        }

        public Builder add(String key, int... dims) {
            return add(key, Shape.of(dims));
        }

        public Builder add(String key, Shape shape) {
            if (parameters.put(key, shape) != null) {
                throw new IllegalStateException("parameter " + key + " declared twice");
            }
            return this;
        }

        /** Stored names that may exist and are not read. */
        public Builder ignoring(Predicate<String> rule) {
            ignorable = ignorable.or(rule);
            return this;
        }

        public ParameterManifest build() {
            return new ParameterManifest(network, parameters, ignorable);
        }
    }
}
