package dev.wuerstchen.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.error.WeightsMismatchException;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class GraphTracerTest {

    private static final Map<String, Shape> SHAPES = TinyNet.shapes(TinyNet.inputs(1, 2, 5, 6, 7));

    @Test
    void recordsInputsOutputsAndWeightReferences() {
        Graph g = GraphTracer.trace(new TinyNet(), SHAPES);
        assertEquals("tiny-net", g.name());
        assertEquals(List.of(TinyNet.IMAGE, TinyNet.TOKENS, TinyNet.MASK), g.inputs().stream().map(Graph.Input::name).toList());
        assertEquals(Shape.of(2, 4, 5, 6), g.inputs().get(0).value().shape());
        assertEquals(DType.I64, g.inputs().get(1).value().dtype());
        assertEquals(List.of(TinyNet.PIXELS, TinyNet.TEXT), g.outputs().stream().map(Graph.Output::name).toList());
        // pixel shuffle doubles H and W, the resize then goes to (H+1, W+3) of the input
        assertEquals(Shape.of(2, 2, 6, 9), g.outputs().get(0).value().shape());
        assertEquals(Shape.of(2, 7, 8), g.outputs().get(1).value().shape());
        // every weight once, in first-use order, with its manifest shape; stem.bias is read twice
        assertEquals(List.of("stem.weight", "stem.bias", "proj.weight", "proj.bias", "embed.weight", "norm.weight",
                "norm.bias"), g.weights().stream().map(Graph.WeightRef::key).toList());
        for (Graph.WeightRef w : g.weights()) {
            assertEquals(new TinyNet().manifest().shapeOf(w.key()), w.shape(), w.key());
        }
        assertEquals(new TinyNet().manifest().elementCount(), g.weightElementCount());
        Map<String, Integer> kinds = g.nodeCounts();
        assertEquals(2, kinds.get("Linear"));
        assertEquals(1, kinds.get("Attention"));
        assertEquals(1, kinds.get("ResizeBicubicAntialias"));
    }

    @Test
    void nodesComeAfterEverythingTheyRead() {
        Graph g = GraphTracer.trace(new TinyNet(), SHAPES);
        java.util.Set<Integer> defined = new java.util.HashSet<>();
        g.inputs().forEach(i -> defined.add(i.value().id()));
        g.weights().forEach(w -> defined.add(w.value().id()));
        for (Node n : g.nodes()) {
            for (Value in : n.inputs()) {
                assertTrue(defined.contains(in.id()), n + " reads " + in + " before it is defined");
            }
            assertTrue(defined.add(n.out().id()), n + " redefines " + n.out());
        }
    }

    @Test
    void leavesOutWhatNoOutputNeeds() {
        NetworkDefinition def = network(Map.of("used", Shape.of(3), "unused", Shape.of(3)), (ops, w) -> {
            Tensor x = ops.add(w.get("used", Shape.of(3)), ops.constant(HostTensor.of(Shape.of(3), new float[3])));
            ops.sin(ops.mul(x, w.get("unused", Shape.of(3)))); // dead
            return x;
        });
        Graph g = GraphTracer.trace(def, Map.of("x", Shape.of(3)));
        assertEquals(List.of("used"), g.weights().stream().map(Graph.WeightRef::key).toList());
        assertEquals(Map.of("Constant", 1, "Binary", 1), g.nodeCounts());
        assertEquals(List.of("x"), g.inputs().stream().map(Graph.Input::name).toList(), "unused inputs stay declared");
    }

    @Test
    void rejectsWeightsOutsideTheManifest() {
        NetworkDefinition unknown = network(Map.of("a", Shape.of(3)), (ops, w) -> w.get("b", Shape.of(3)));
        WeightsMismatchException e = assertThrows(WeightsMismatchException.class,
                () -> GraphTracer.trace(unknown, Map.of("x", Shape.of(3))));
        assertTrue(e.getMessage().contains("b (read by forward but not in the manifest)"), e.getMessage());

        NetworkDefinition reshaped = network(Map.of("a", Shape.of(3)), (ops, w) -> w.get("a", Shape.of(1, 3)));
        e = assertThrows(WeightsMismatchException.class, () -> GraphTracer.trace(reshaped, Map.of("x", Shape.of(3))));
        assertTrue(e.getMessage().contains("a is (3) in the manifest, forward asked for (1,3)"), e.getMessage());
    }

    @Test
    void rejectsMissingUnknownAndWrongInputShapes() {
        ShapeMismatchException missing = assertThrows(ShapeMismatchException.class,
                () -> GraphTracer.trace(new TinyNet(), Map.of(TinyNet.IMAGE, Shape.of(1, 4, 2, 2))));
        assertTrue(missing.getMessage().contains("tiny-net input 'tokens'"), missing.getMessage());
        Map<String, Shape> extra = new LinkedHashMap<>(SHAPES);
        extra.put("bogus", Shape.of(1));
        assertTrue(assertThrows(ShapeMismatchException.class, () -> GraphTracer.trace(new TinyNet(), extra))
                .getMessage().contains("'bogus'"));
        Map<String, Shape> wrong = new LinkedHashMap<>(SHAPES);
        wrong.put(TinyNet.IMAGE, Shape.of(2, 3, 5, 6));
        assertTrue(assertThrows(ShapeMismatchException.class, () -> GraphTracer.trace(new TinyNet(), wrong))
                .getMessage().contains("(2,3,5,6)"));
    }

    @Test
    void recorderRejectsForeignTensorsAndConflictingWeights() {
        RecordingOps a = new RecordingOps();
        RecordingOps b = new RecordingOps();
        Value x = a.input("x", Shape.of(2), DType.F32);
        Value y = b.input("y", Shape.of(2), DType.F32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(x, y));
        assertTrue(e.getMessage().contains("binary ADD") && e.getMessage().contains("did not make"), e.getMessage());
        assertSame(a.weight("w", Shape.of(2)), a.weight("w", Shape.of(2)));
        ShapeMismatchException s = assertThrows(ShapeMismatchException.class, () -> a.weight("w", Shape.of(3)));
        assertTrue(s.getMessage().contains("(2)") && s.getMessage().contains("(3)"), s.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.input("x", Shape.of(1), DType.F32));
    }

    @Test
    void constantsAreCopiedWhenRecorded() {
        RecordingOps ops = new RecordingOps();
        float[] values = {1, 2, 3};
        Tensor c = ops.constant(HostTensor.of(Shape.of(3), values));
        values[0] = 99;
        Graph g = ops.graph("g", Map.of("c", c));
        Node.Constant n = (Node.Constant) g.nodes().getFirst();
        assertEquals(1f, n.value().toFloatArray()[0]);
    }

    /** A one-output network over the given manifest with one input "x" of shape (3). */
    private static NetworkDefinition network(Map<String, Shape> weights, BiFunction<Ops, Weights, Tensor> body) {
        ParameterManifest.Builder m = new ParameterManifest.Builder("probe");
        weights.forEach(m::add);
        ParameterManifest manifest = m.build();
        return new NetworkDefinition() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public ParameterManifest manifest() {
                return manifest;
            }

            @Override
            public List<TensorSpec> inputs() {
                return List.of(new TensorSpec("x", DType.F32));
            }

            @Override
            public List<TensorSpec> outputs() {
                return List.of(new TensorSpec("y", DType.F32));
            }

            @Override
            public void checkInputs(Map<String, Shape> shapes) {
            }

            @Override
            public Map<String, Tensor> forward(Ops ops, Weights w, Map<String, Tensor> inputs) {
                return Map.of("y", body.apply(ops, w));
            }
        };
    }
}
