package dev.wuerstchen.graph;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.ops.AttentionMask;
import dev.wuerstchen.api.ops.BinaryFn;
import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.api.ops.LayerOpShapes;
import dev.wuerstchen.api.ops.OpShapes;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.ops.UnaryFn;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * An {@link Ops} that records instead of computing: every call checks its arguments with the
 * shared rules of {@link OpShapes} and {@link LayerOpShapes}, appends one {@link Node} and returns
 * its {@link Value}. Inputs and weights are declared with {@link #input} and {@link #weight};
 * {@link #graph} then cuts out everything the requested outputs depend on.
 *
 * <p>Values are only valid in the recorder that made them; passing another recorder's (or another
 * backend's) tensor is an {@link IllegalArgumentException}. Not thread-safe.
 */
public final class RecordingOps implements Ops {

    /** What defines a value: a graph input, a weight, or a node. */
    private sealed interface Origin {
    }

    private record FromInput(String name) implements Origin {
    }

    private record FromWeight(String key) implements Origin {
    }

    private record FromNode(Node node) implements Origin {
    }

    private final List<Value> values = new ArrayList<>();
    private final List<Origin> origins = new ArrayList<>();
    private final Map<String, Value> inputs = new LinkedHashMap<>();
    private final Map<String, Value> weights = new LinkedHashMap<>();

    // ------------------------------------------------------------------ leaves

    /** Declares a graph input; names are unique. */
    public Value input(String name, Shape shape, DType dtype) {
        Objects.requireNonNull(name, "input name");
        if (dtype != DType.F32 && dtype != DType.I64) {
            throw new IllegalArgumentException("graph input '" + name + "' is " + dtype
                    + ". Graph inputs are F32 or I64, like host tensors.");
        }
        if (inputs.containsKey(name)) {
            throw new IllegalArgumentException("graph input '" + name + "' is declared twice. Give each input its own name.");
        }
        Value v = define(shape, dtype, new FromInput(name));
        inputs.put(name, v);
        return v;
    }

    /**
     * A float32 weight read from the checkpoint under {@code key}. Asking for the same key again
     * returns the same value, provided the shape agrees.
     */
    public Value weight(String key, Shape shape) {
        Objects.requireNonNull(key, "weight key");
        Value known = weights.get(key);
        if (known != null) {
            if (!known.shape().equals(shape)) {
                throw new ShapeMismatchException("weight '" + key + "'", known.shape().toString(), String.valueOf(shape));
            }
            return known;
        }
        Value v = define(shape, DType.F32, new FromWeight(key));
        weights.put(key, v);
        return v;
    }

    /**
     * The graph computing {@code outputs} (in map order): every declared input, and only the weights
     * and nodes the outputs depend on, in recording (= topological) order.
     */
    public Graph graph(String name, Map<String, ? extends Tensor> outputs) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("graph '" + name + "': no outputs given. Name at least one output.");
        }
        boolean[] live = new boolean[values.size()];
        List<Graph.Output> outs = new ArrayList<>();
        for (Map.Entry<String, ? extends Tensor> e : outputs.entrySet()) {
            Value v = own("graph output '" + e.getKey() + "'", e.getValue());
            outs.add(new Graph.Output(e.getKey(), v));
            live[v.id()] = true;
        }
        // Ids grow in recording order, so one backward sweep marks everything an output needs.
        for (int id = values.size() - 1; id >= 0; id--) {
            if (live[id] && origins.get(id) instanceof FromNode(Node node)) {
                for (Value in : node.inputs()) {
                    live[in.id()] = true;
                }
            }
        }
        List<Node> nodes = new ArrayList<>();
        List<Graph.WeightRef> refs = new ArrayList<>();
        for (int id = 0; id < values.size(); id++) {
            if (!live[id]) {
                continue;
            }
            switch (origins.get(id)) {
                case FromNode(Node node) -> nodes.add(node);
                case FromWeight(String key) -> refs.add(new Graph.WeightRef(key, values.get(id)));
                case FromInput ignored -> { }
            }
        }
        List<Graph.Input> ins = new ArrayList<>();
        inputs.forEach((n, v) -> ins.add(new Graph.Input(n, v)));
        return new Graph(name, ins, refs, nodes, outs);
    }

    // ------------------------------------------------------------------ values

    @Override
    public Tensor constant(HostTensor value) {
        Objects.requireNonNull(value, "constant value");
        // Copied: the caller may reuse its array, the graph must not change afterwards.
        HostTensor copy = value.dtype() == DType.I64
                ? HostTensor.of(value.shape(), value.toLongArray())
                : HostTensor.of(value.shape(), value.toFloatArray());
        return record(value.shape(), value.dtype(), out -> new Node.Constant(out, copy));
    }

    // ------------------------------------------------------------------ element-wise

    @Override
    public Tensor unary(UnaryFn fn, Tensor x) {
        Objects.requireNonNull(fn, "unary fn");
        Value a = own("unary " + fn, x);
        Shape s = OpShapes.unary(fn, a);
        return record(s, DType.F32, out -> new Node.Unary(out, fn, a));
    }

    @Override
    public Tensor binary(BinaryFn fn, Tensor a, Tensor b) {
        Objects.requireNonNull(fn, "binary fn");
        String op = "binary " + fn;
        Value x = own(op, a);
        Value y = own(op, b);
        Shape s = OpShapes.binary(fn, x, y);
        return record(s, DType.F32, out -> new Node.Binary(out, fn, x, y));
    }

    @Override
    public Tensor affine(Tensor x, float factor, float offset) {
        Value a = own("affine", x);
        Shape s = OpShapes.affine(a);
        return record(s, DType.F32, out -> new Node.Affine(out, a, factor, offset));
    }

    @Override
    public Tensor leakyRelu(Tensor x, float slope) {
        Value a = own("leakyRelu", x);
        Shape s = OpShapes.leakyRelu(a);
        return record(s, DType.F32, out -> new Node.LeakyRelu(out, a, slope));
    }

    // ------------------------------------------------------------------ structure

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        Value a = own("reshape", x);
        Shape s = OpShapes.reshape(a, shape);
        return record(s, a.dtype(), out -> new Node.Reshape(out, a));
    }

    @Override
    public Tensor permute(Tensor x, int... axes) {
        Value a = own("permute", x);
        Shape s = OpShapes.permute(a, axes);
        List<Integer> perm = Arrays.stream(axes).boxed().toList();
        return record(s, a.dtype(), out -> new Node.Permute(out, a, perm));
    }

    @Override
    public Tensor concat(int axis, List<Tensor> parts) {
        List<Value> vs = parts == null ? List.of() : parts.stream().map(p -> own("concat", p)).toList();
        Shape s = OpShapes.concat(axis, vs);
        return record(s, vs.getFirst().dtype(), out -> new Node.Concat(out, axis, vs));
    }

    @Override
    public Tensor slice(Tensor x, int axis, int start, int end) {
        Value a = own("slice", x);
        Shape s = OpShapes.slice(a, axis, start, end);
        return record(s, a.dtype(), out -> new Node.Slice(out, a, axis, start, end));
    }

    // ------------------------------------------------------------------ linear algebra

    @Override
    public Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        Value a = own("linear", x);
        Value w = own("linear", weight);
        Value b = bias == null ? null : own("linear", bias);
        Shape s = LayerOpShapes.linear(a, w, b);
        return record(s, DType.F32, out -> new Node.Linear(out, a, w, b));
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        Value x = own("matmul", a);
        Value y = own("matmul", b);
        Shape s = LayerOpShapes.matmul(x, y);
        return record(s, DType.F32, out -> new Node.MatMul(out, x, y));
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams params) {
        Value a = own("conv2d", x);
        Value w = own("conv2d", weight);
        Value b = bias == null ? null : own("conv2d", bias);
        Shape s = LayerOpShapes.conv2d(a, w, b, params);
        return record(s, DType.F32, out -> new Node.Conv(out, a, w, b, params));
    }

    @Override
    public Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams params) {
        Value a = own("convTranspose2d", x);
        Value w = own("convTranspose2d", weight);
        Value b = bias == null ? null : own("convTranspose2d", bias);
        Shape s = LayerOpShapes.convTranspose2d(a, w, b, params);
        return record(s, DType.F32, out -> new Node.ConvTranspose(out, a, w, b, params));
    }

    // ------------------------------------------------------------------ normalisation

    @Override
    public Tensor layerNormChannels(Tensor x, float eps) {
        Value a = own("layerNormChannels", x);
        Shape s = LayerOpShapes.layerNormChannels(a);
        return record(s, DType.F32, out -> new Node.LayerNormChannels(out, a, eps));
    }

    @Override
    public Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        Value a = own("layerNorm", x);
        Value g = gamma == null ? null : own("layerNorm", gamma);
        Value b = beta == null ? null : own("layerNorm", beta);
        Shape s = LayerOpShapes.layerNorm(a, g, b);
        return record(s, DType.F32, out -> new Node.LayerNorm(out, a, g, b, eps));
    }

    @Override
    public Tensor grn(Tensor x, Tensor gamma, Tensor beta, float eps) {
        Value a = own("grn", x);
        Value g = own("grn", gamma);
        Value b = own("grn", beta);
        Shape s = LayerOpShapes.grn(a, g, b);
        return record(s, DType.F32, out -> new Node.Grn(out, a, g, b, eps));
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        Value a = own("softmax", x);
        Shape s = LayerOpShapes.softmax(a, axis);
        return record(s, DType.F32, out -> new Node.Softmax(out, a, axis));
    }

    // ------------------------------------------------------------------ attention

    @Override
    public Tensor attention(Tensor q, Tensor k, Tensor v, int heads, AttentionMask mask) {
        Objects.requireNonNull(mask, "attention mask");
        Value qv = own("attention", q);
        Value kv = own("attention", k);
        Value vv = own("attention", v);
        boolean causal = mask instanceof AttentionMask.Causal;
        Value pad = switch (mask) {
            case AttentionMask.None none -> null;
            case AttentionMask.Causal c -> c.keyPadding() == null ? null : own("attention", c.keyPadding());
        };
        Shape s = LayerOpShapes.attention(qv, kv, vv, heads, mask);
        return record(s, DType.F32, out -> new Node.Attention(out, qv, kv, vv, heads, causal, pad));
    }

    // ------------------------------------------------------------------ images

    @Override
    public Tensor pixelShuffle(Tensor x, int r) {
        Value a = own("pixelShuffle", x);
        Shape s = OpShapes.pixelShuffle(a, r);
        return record(s, a.dtype(), out -> new Node.PixelShuffle(out, a, r));
    }

    @Override
    public Tensor pixelUnshuffle(Tensor x, int r) {
        Value a = own("pixelUnshuffle", x);
        Shape s = OpShapes.pixelUnshuffle(a, r);
        return record(s, a.dtype(), out -> new Node.PixelUnshuffle(out, a, r));
    }

    @Override
    public Tensor replicationPad(Tensor x, int pad) {
        Value a = own("replicationPad", x);
        Shape s = OpShapes.replicationPad(a, pad);
        return record(s, a.dtype(), out -> new Node.ReplicationPad(out, a, pad));
    }

    @Override
    public Tensor resizeBicubicAntialias(Tensor x, int outHeight, int outWidth) {
        Value a = own("resizeBicubicAntialias", x);
        Shape s = LayerOpShapes.resizeBicubicAntialias(a, outHeight, outWidth);
        return record(s, DType.F32, out -> new Node.ResizeBicubicAntialias(out, a));
    }

    // ------------------------------------------------------------------ lookup

    @Override
    public Tensor embedding(Tensor table, Tensor ids) {
        Value t = own("embedding", table);
        Value i = own("embedding", ids);
        Shape s = OpShapes.embedding(t, i);
        return record(s, DType.F32, out -> new Node.Embedding(out, t, i));
    }

    @Override
    public Tensor nearestCode(Tensor x, Tensor codebook) {
        Value a = own("nearestCode", x);
        Value c = own("nearestCode", codebook);
        Shape s = OpShapes.nearestCode(a, c);
        return record(s, DType.F32, out -> new Node.NearestCode(out, a, c));
    }

    // ------------------------------------------------------------------ plumbing

    private Value define(Shape shape, DType dtype, Origin origin) {
        Value v = new Value(values.size(), shape, dtype);
        values.add(v);
        origins.add(origin);
        return v;
    }

    private Value record(Shape shape, DType dtype, Function<Value, Node> node) {
        Value v = new Value(values.size(), shape, dtype);
        Node n = node.apply(v);
        values.add(v);
        origins.add(new FromNode(n));
        return v;
    }

    /** Casts an argument back to a value of this recorder, rejecting anything else. */
    private Value own(String op, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(op + ": a tensor argument is null. Pass a tensor made by this RecordingOps.");
        }
        if (t instanceof Value v && v.id() < values.size() && values.get(v.id()) == v) {
            return v;
        }
        throw new IllegalArgumentException(op + ": got " + t + " (" + t.getClass().getName()
                + "), which this RecordingOps did not make. Pass tensors returned by this recorder's methods.");
    }
}
