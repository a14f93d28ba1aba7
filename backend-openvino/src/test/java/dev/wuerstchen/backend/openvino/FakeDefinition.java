package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.List;
import java.util.Map;

/** A definition with given input and output names and no weights; graph backends never call forward. */
record FakeDefinition(String name, List<TensorSpec> inputs, List<TensorSpec> outputs) implements NetworkDefinition {

    @Override
    public ParameterManifest manifest() {
        return new ParameterManifest.Builder(name).build();
    }

    @Override
    public void checkInputs(Map<String, Shape> shapes) {
        // shapes are checked by the model
    }

    @Override
    public Map<String, Tensor> forward(Ops ops, Weights weights, Map<String, Tensor> inputs) {
        throw new IllegalStateException("the stand-in tests hand OpenVINO ready-made graphs; nothing traces this definition");
    }
}
