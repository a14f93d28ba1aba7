package dev.wuerstchen.graph.onnx;

import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.graph.Graph;
import dev.wuerstchen.graph.Node;
import dev.wuerstchen.graph.Value;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Serialises a {@link Graph} as an ONNX ModelProto (IR version 8, default-domain opset 17), written
 * field by field with the field numbers of onnx.proto. Weights become initializers whose data is
 * external (data_location = EXTERNAL); constants the network made are stored inline. The same graph
 * and weight locations always give the same bytes: fields in a fixed order, names from recording
 * order, no timestamps.
 *
 * <p>Value names: graph inputs and outputs keep their names, weights are named by their checkpoint
 * key, and everything else gets a name starting with {@code /}.
 */
public final class OnnxModelWriter {

    public static final long IR_VERSION = 8;
    public static final long OPSET = 17;
    public static final String PRODUCER = "wuerstchen-java";
    public static final String PRODUCER_VERSION = "graph-1";

    // onnx.proto field numbers
    private static final int MODEL_IR_VERSION = 1, MODEL_PRODUCER_NAME = 2, MODEL_PRODUCER_VERSION = 3,
            MODEL_GRAPH = 7, MODEL_OPSET_IMPORT = 8;
    private static final int OPSET_DOMAIN = 1, OPSET_VERSION = 2;
    private static final int GRAPH_NODE = 1, GRAPH_NAME = 2, GRAPH_INITIALIZER = 5, GRAPH_INPUT = 11, GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1, NODE_OUTPUT = 2, NODE_NAME = 3, NODE_OP_TYPE = 4, NODE_ATTRIBUTE = 5;
    private static final int ATTR_NAME = 1, ATTR_F = 2, ATTR_I = 3, ATTR_S = 4, ATTR_INTS = 8, ATTR_TYPE = 20;
    private static final int ATTR_TYPE_FLOAT = 1, ATTR_TYPE_INT = 2, ATTR_TYPE_STRING = 3, ATTR_TYPE_INTS = 7;
    private static final int TENSOR_DIMS = 1, TENSOR_DATA_TYPE = 2, TENSOR_NAME = 8, TENSOR_RAW_DATA = 9,
            TENSOR_EXTERNAL_DATA = 13, TENSOR_DATA_LOCATION = 14;
    private static final int DATA_LOCATION_EXTERNAL = 1;
    private static final int ENTRY_KEY = 1, ENTRY_VALUE = 2;
    private static final int VALUE_INFO_NAME = 1, VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR = 1, TYPE_TENSOR_ELEM_TYPE = 1, TYPE_TENSOR_SHAPE = 2;
    private static final int SHAPE_DIM = 1, DIM_VALUE = 1;
    private static final int ONNX_FLOAT = 1, ONNX_INT64 = 7;

    private OnnxModelWriter() {
    }

    /**
     * The model bytes of {@code graph}, its weights located by {@code weights} (called once per weight,
     * in the graph's weight order).
     *
     * @throws IllegalArgumentException if input, output and weight names collide
     */
    public static byte[] toBytes(Graph graph, Function<String, ExternalWeight> weights) {
        Map<Integer, String> named = new HashMap<>();
        Set<String> taken = new HashSet<>();
        for (Graph.Input in : graph.inputs()) {
            claim(graph, taken, in.name(), "input");
            named.put(in.value().id(), in.name());
        }
        for (Graph.WeightRef w : graph.weights()) {
            claim(graph, taken, w.key(), "weight");
            named.put(w.value().id(), w.key());
        }
        for (Graph.Output o : graph.outputs()) {
            claim(graph, taken, o.name(), "output");
        }
        Function<Value, String> names = v -> named.getOrDefault(v.id(), "/v" + v.id());

        OnnxBuilder builder = new OnnxBuilder();
        Lowering lowering = new Lowering(builder, names);
        for (Node node : graph.nodes()) {
            lowering.lower(node);
        }
        // Outputs are named after the network's outputs; Identity decouples them from the value names.
        for (Graph.Output o : graph.outputs()) {
            builder.op("Identity", List.of(names.apply(o.value())), o.name());
        }

        Proto g = new Proto();
        int index = 0;
        for (OnnxBuilder.OnnxNode n : builder.nodes()) {
            g.message(GRAPH_NODE, node(n, "n" + index++));
        }
        g.string(GRAPH_NAME, graph.name());
        for (Graph.WeightRef w : graph.weights()) {
            g.message(GRAPH_INITIALIZER, externalTensor(w.key(), w.shape(), weights.apply(w.key())));
        }
        for (OnnxBuilder.InlineTensor t : builder.constants()) {
            g.message(GRAPH_INITIALIZER, inlineTensor(t));
        }
        for (Graph.Input in : graph.inputs()) {
            g.message(GRAPH_INPUT, valueInfo(in.name(), in.value().dtype(), in.value().shape()));
        }
        for (Graph.Output o : graph.outputs()) {
            g.message(GRAPH_OUTPUT, valueInfo(o.name(), o.value().dtype(), o.value().shape()));
        }

        return new Proto()
                .int64(MODEL_IR_VERSION, IR_VERSION)
                .string(MODEL_PRODUCER_NAME, PRODUCER)
                .string(MODEL_PRODUCER_VERSION, PRODUCER_VERSION)
                .message(MODEL_GRAPH, g)
                .message(MODEL_OPSET_IMPORT, new Proto().string(OPSET_DOMAIN, "").int64(OPSET_VERSION, OPSET))
                .toByteArray();
    }

    private static void claim(Graph graph, Set<String> taken, String name, String what) {
        if (name.isEmpty() || name.startsWith("/")) {
            throw new IllegalArgumentException(graph.name() + ": " + what + " name '" + name
                    + "' is empty or starts with '/', which is reserved for internal values. Rename it.");
        }
        if (!taken.add(name)) {
            throw new IllegalArgumentException(graph.name() + ": " + what + " name '" + name
                    + "' is also used by another input, output or weight. ONNX needs distinct names; rename one.");
        }
    }

    private static Proto node(OnnxBuilder.OnnxNode n, String name) {
        Proto p = new Proto();
        for (String in : n.inputs()) {
            p.string(NODE_INPUT, in);
        }
        p.string(NODE_OUTPUT, n.output()).string(NODE_NAME, name).string(NODE_OP_TYPE, n.opType());
        for (OnnxBuilder.Attr a : n.attributes()) {
            p.message(NODE_ATTRIBUTE, attribute(a));
        }
        return p;
    }

    private static Proto attribute(OnnxBuilder.Attr a) {
        Proto p = new Proto().string(ATTR_NAME, a.name());
        switch (a) {
            case OnnxBuilder.FloatAttr f -> p.float32(ATTR_F, f.value()).int32(ATTR_TYPE, ATTR_TYPE_FLOAT);
            case OnnxBuilder.IntAttr i -> p.int64(ATTR_I, i.value()).int32(ATTR_TYPE, ATTR_TYPE_INT);
            case OnnxBuilder.StringAttr s -> p.bytes(ATTR_S, s.value().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .int32(ATTR_TYPE, ATTR_TYPE_STRING);
            case OnnxBuilder.IntsAttr is -> {
                for (long v : is.values()) {
                    p.int64(ATTR_INTS, v);
                }
                p.int32(ATTR_TYPE, ATTR_TYPE_INTS);
            }
        }
        return p;
    }

    private static Proto externalTensor(String name, Shape shape, ExternalWeight where) {
        long expected = shape.elementCount() * 4;
        if (where.length() != expected) {
            throw new IllegalArgumentException("weight '" + name + "' " + shape + " needs " + expected
                    + " bytes of float32 but its external data holds " + where.length() + ". Export the weights again.");
        }
        Proto t = new Proto();
        for (int d : shape.dims()) {
            t.int64(TENSOR_DIMS, d);
        }
        t.int32(TENSOR_DATA_TYPE, ONNX_FLOAT).string(TENSOR_NAME, name);
        t.message(TENSOR_EXTERNAL_DATA, entry("location", where.location()));
        t.message(TENSOR_EXTERNAL_DATA, entry("offset", Long.toString(where.offset())));
        t.message(TENSOR_EXTERNAL_DATA, entry("length", Long.toString(where.length())));
        return t.int32(TENSOR_DATA_LOCATION, DATA_LOCATION_EXTERNAL);
    }

    private static Proto inlineTensor(OnnxBuilder.InlineTensor c) {
        Proto t = new Proto();
        for (int d : c.shape().dims()) {
            t.int64(TENSOR_DIMS, d);
        }
        return t.int32(TENSOR_DATA_TYPE, onnxType(c.dtype())).string(TENSOR_NAME, c.name()).bytes(TENSOR_RAW_DATA, c.raw());
    }

    private static Proto entry(String key, String value) {
        return new Proto().string(ENTRY_KEY, key).string(ENTRY_VALUE, value);
    }

    private static Proto valueInfo(String name, DType dtype, Shape shape) {
        Proto dims = new Proto();
        for (int d : shape.dims()) {
            dims.message(SHAPE_DIM, new Proto().int64(DIM_VALUE, d));
        }
        Proto tensorType = new Proto().int32(TYPE_TENSOR_ELEM_TYPE, onnxType(dtype)).message(TYPE_TENSOR_SHAPE, dims);
        return new Proto().string(VALUE_INFO_NAME, name).message(VALUE_INFO_TYPE, new Proto().message(TYPE_TENSOR, tensorType));
    }

    private static int onnxType(DType dtype) {
        return switch (dtype) {
            case F32 -> ONNX_FLOAT;
            case I64 -> ONNX_INT64;
            default -> throw new IllegalArgumentException("ONNX export: element type " + dtype
                    + " does not occur in recorded graphs (F32 and I64 only)");
        };
    }
}
