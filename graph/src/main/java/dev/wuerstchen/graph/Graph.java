package dev.wuerstchen.graph;

import dev.wuerstchen.api.tensor.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded network: named inputs, weights referenced by key and shape (their values stay in the
 * checkpoint), nodes in topological order, and named outputs. Immutable.
 *
 * @param name graph name (the network's name)
 * @param inputs graph inputs in positional order
 * @param weights every weight a node reads, in first-use order
 * @param nodes every node an output depends on, producers before users
 * @param outputs graph outputs in positional order
 */
public record Graph(String name, List<Input> inputs, List<WeightRef> weights, List<Node> nodes, List<Output> outputs) {

    /** A named graph input. */
    public record Input(String name, Value value) {
    }

    /** A weight read from the checkpoint under {@code key}; its shape is {@code value.shape()}. */
    public record WeightRef(String key, Value value) {
        public Shape shape() {
            return value.shape();
        }
    }

    /** A named graph output. */
    public record Output(String name, Value value) {
    }

    public Graph {
        inputs = List.copyOf(inputs);
        weights = List.copyOf(weights);
        nodes = List.copyOf(nodes);
        outputs = List.copyOf(outputs);
    }

    /** Number of weight elements the graph reads. */
    public long weightElementCount() {
        long n = 0;
        for (WeightRef w : weights) {
            n += w.shape().elementCount();
        }
        return n;
    }

    /** How many nodes of each kind, by simple class name (for logs and tests). */
    public Map<String, Integer> nodeCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (Node n : nodes) {
            counts.merge(n.getClass().getSimpleName(), 1, Integer::sum);
        }
        return counts;
    }
}
