package dev.wuerstchen.graph.onnx;

import static dev.wuerstchen.graph.onnx.OnnxBuilder.attrFloat;
import static dev.wuerstchen.graph.onnx.OnnxBuilder.attrInt;
import static dev.wuerstchen.graph.onnx.OnnxBuilder.attrInts;

import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.api.ops.UnaryFn;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.graph.Node;
import dev.wuerstchen.graph.Value;
import java.util.List;
import java.util.function.Function;

/**
 * Lowers recorded nodes to standard ONNX operators (default domain, opset 17) that ONNX Runtime and
 * OpenVINO both run: no contrib ops, no custom domains. One-to-one ops are here; the composite ones
 * (normalisations, attention, resize, shuffles, vector quantisation) are in {@link CompositeLowering}.
 */
final class Lowering {

    private final OnnxBuilder b;
    private final Function<Value, String> names;
    private final CompositeLowering composite;

    Lowering(OnnxBuilder builder, Function<Value, String> names) {
        this.b = builder;
        this.names = names;
        this.composite = new CompositeLowering(builder);
    }

    /** Emits the ONNX nodes computing {@code node}; the last one writes the node's value name. */
    void lower(Node node) {
        String out = names.apply(node.out());
        switch (node) {
            case Node.Constant c -> b.initializer(out, c.value());
            case Node.Unary u -> unary(u.fn(), n(u.x()), out);
            case Node.Binary x -> b.op(switch (x.fn()) {
                case ADD -> "Add";
                case SUB -> "Sub";
                case MUL -> "Mul";
                case DIV -> "Div";
            }, List.of(n(x.a()), n(x.b())), out); // ONNX broadcasting is NumPy's, as Ops specifies
            case Node.Affine a -> affine(n(a.x()), a.factor(), a.offset(), out);
            case Node.LeakyRelu l -> b.op("LeakyRelu", List.of(n(l.x())), out, attrFloat("alpha", l.slope()));
            case Node.Reshape r -> b.op("Reshape", List.of(n(r.x()), b.shape(r.out().shape())), out);
            case Node.Permute p -> b.op("Transpose", List.of(n(p.x())), out,
                    attrInts("perm", p.axes().stream().mapToLong(Integer::longValue).toArray()));
            case Node.Concat c -> b.op("Concat", c.parts().stream().map(this::n).toList(), out, attrInt("axis", c.axis()));
            case Node.Slice s -> b.op("Slice", List.of(n(s.x()), b.int64s(s.start()), b.int64s(s.end()),
                    b.int64s(s.axis())), out);
            case Node.Linear l -> linear(l, out);
            case Node.MatMul m -> b.op("MatMul", List.of(n(m.a()), n(m.b())), out);
            case Node.Conv c -> conv("Conv", c.x(), c.weight(), c.bias(), c.params(), out);
            // ConvTranspose's weight is (C_in, C_out/groups, kh, kw) in ONNX as in PyTorch; with
            // output_padding 0 its output is (H−1)·s − 2p + k, the size spec 3.2 defines.
            case Node.ConvTranspose c -> conv("ConvTranspose", c.x(), c.weight(), c.bias(), c.params(), out);
            case Node.LayerNormChannels l -> composite.layerNormChannels(n(l.x()), l.eps(), out);
            case Node.LayerNorm l -> composite.layerNormLastAxis(n(l.x()), l.x().shape(),
                    l.gamma() == null ? null : n(l.gamma()), l.beta() == null ? null : n(l.beta()), l.eps(), out);
            case Node.Grn g -> composite.grn(n(g.x()), g.x().shape(), n(g.gamma()), g.gamma().shape(), n(g.beta()),
                    g.beta().shape(), g.eps(), out);
            case Node.Softmax s -> b.op("Softmax", List.of(n(s.x())), out, attrInt("axis", s.axis()));
            case Node.Attention a -> composite.attention(n(a.q()), a.q().shape(), n(a.k()), a.k().shape(), n(a.v()),
                    a.heads(), a.causal(), a.keyPadding() == null ? null : n(a.keyPadding()), out);
            case Node.PixelShuffle p -> composite.pixelShuffle(n(p.x()), p.x(), p.r(), out);
            case Node.PixelUnshuffle p -> composite.pixelUnshuffle(n(p.x()), p.x().shape(), p.r(), out);
            // ReplicationPad2d = Pad mode "edge" on the two spatial axes; pads are [begins..., ends...].
            case Node.ReplicationPad p -> {
                if (p.pad() == 0) {
                    b.op("Identity", List.of(n(p.x())), out);
                } else {
                    b.op("Pad", List.of(n(p.x()), b.int64s(0, 0, p.pad(), p.pad(), 0, 0, p.pad(), p.pad())), out,
                            OnnxBuilder.attrString("mode", "edge"));
                }
            }
            case Node.ResizeBicubicAntialias r -> composite.resize(n(r.x()), r.x().shape(), r.out().shape(), out);
            // Embedding rows = Gather on axis 0 of the table with the int64 ids.
            case Node.Embedding e -> b.op("Gather", List.of(n(e.table()), n(e.ids())), out, attrInt("axis", 0));
            case Node.NearestCode q -> composite.nearestCode(n(q.x()), q.x().shape(), n(q.codebook()),
                    q.codebook().shape(), out);
        }
    }

    private String n(Value v) {
        return names.apply(v);
    }

    private void unary(UnaryFn fn, String x, String out) {
        switch (fn) {
            // Exact GELU in its erf form, x·0.5·(1 + erf(x/√2)): a pattern both runtimes recognise.
            case GELU -> {
                String erf = b.op("Erf", List.of(b.op("Mul", List.of(x, b.scalar((float) Math.sqrt(0.5))))));
                String onePlus = b.op("Add", List.of(erf, b.scalar(1f)));
                b.op("Mul", List.of(b.op("Mul", List.of(x, onePlus)), b.scalar(0.5f)), out);
            }
            case QUICK_GELU -> b.op("Mul", List.of(x, b.op("Sigmoid", List.of(b.op("Mul", List.of(x, b.scalar(1.702f)))))),
                    out);
            case SILU -> b.op("Mul", List.of(x, b.op("Sigmoid", List.of(x))), out);
            case SIGMOID -> b.op("Sigmoid", List.of(x), out);
            case ABS -> b.op("Abs", List.of(x), out);
            case SQRT -> b.op("Sqrt", List.of(x), out);
            case SIN -> b.op("Sin", List.of(x), out);
            case COS -> b.op("Cos", List.of(x), out);
        }
    }

    private void affine(String x, float factor, float offset, String out) {
        if (factor == 1f && offset == 0f) {
            b.op("Identity", List.of(x), out);
        } else if (offset == 0f) {
            b.op("Mul", List.of(x, b.scalar(factor)), out);
        } else if (factor == 1f) {
            b.op("Add", List.of(x, b.scalar(offset)), out);
        } else {
            b.op("Add", List.of(b.op("Mul", List.of(x, b.scalar(factor))), b.scalar(offset)), out);
        }
    }

    /**
     * {@code x·Wᵀ + b} as Gemm with transB = 1 on a 2-D view of x: the same product as MatMul with
     * the transposed weight, but both runtimes read the weight as stored, so nothing has to be
     * transposed (and held twice) when a multi-gigabyte network is loaded.
     */
    private void linear(Node.Linear l, String out) {
        Shape xs = l.x().shape();
        int in = xs.dim(-1);
        int outFeatures = l.weight().shape().dim(0);
        List<String> args = l.bias() == null ? List.of(n(l.weight())) : List.of(n(l.weight()), n(l.bias()));
        if (xs.rank() == 2) {
            b.op("Gemm", concat(n(l.x()), args), out, attrInt("transB", 1));
            return;
        }
        int rows = Math.toIntExact(xs.elementCount() / Math.max(in, 1));
        String flat = b.op("Reshape", List.of(n(l.x()), b.shape(Shape.of(rows, in))));
        String y = b.op("Gemm", concat(flat, args), attrInt("transB", 1));
        b.op("Reshape", List.of(y, b.shape(xs.withDim(-1, outFeatures))), out);
    }

    private void conv(String op, Value x, Value w, Value bias, Conv2dParams p, String out) {
        Shape ws = w.shape();
        List<String> args = bias == null ? List.of(n(x), n(w)) : List.of(n(x), n(w), n(bias));
        b.op(op, args, out, attrInts("kernel_shape", ws.dim(2), ws.dim(3)), attrInts("strides", p.stride(), p.stride()),
                attrInts("pads", p.padding(), p.padding(), p.padding(), p.padding()), attrInts("dilations", 1, 1),
                attrInt("group", p.groups()));
    }

    private static List<String> concat(String first, List<String> rest) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
