package dev.wuerstchen.api.nn;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.Shape;
import java.util.List;
import java.util.Map;

/** Small network definitions for tests of what surrounds a network (input checks, lifecycles). */
public final class TestDefinitions {

    /** ids (B,L) int64 and mask (B,L) float32 of equal shapes, like the text encoder. */
    public static final NetworkDefinition TEXT = new NetworkDefinition() {
        @Override
        public String name() {
            return "text";
        }

        @Override
        public ParameterManifest manifest() {
            return new ParameterManifest.Builder("text").build();
        }

        @Override
        public List<TensorSpec> inputs() {
            return List.of(new TensorSpec("ids", DType.I64), new TensorSpec("mask", DType.F32));
        }

        @Override
        public List<TensorSpec> outputs() {
            return List.of(new TensorSpec("out", DType.F32));
        }

        @Override
        public void checkInputs(Map<String, Shape> shapes) {
            if (!shapes.get("ids").equals(shapes.get("mask"))) {
                throw new ShapeMismatchException("text input 'mask'", "the shape of ids " + shapes.get("ids"),
                        String.valueOf(shapes.get("mask")));
            }
        }

        @Override
        public Map<String, Tensor> forward(Ops ops, Weights weights, Map<String, Tensor> inputs) {
            throw new IllegalStateException("this test definition is only checked for its inputs, never run");
        }
    };

    private TestDefinitions() {
    }
}
