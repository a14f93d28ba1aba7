package dev.wuerstchen.backend.nd4j;

import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.api.error.ShapeMismatchException;
import java.util.List;
import java.util.Map;

/**
 * A small test network: {@code y = LN_c(conv3x3(x)) + x} repeated {@code depth} times with one shared
 * weight; {@code requestedWeightShape} lets a test make the code ask for a wrong shape.
 */
record TinyNetwork(int channels, int depth, Shape requestedWeightShape) implements NetworkDefinition {

    TinyNetwork(int channels, int depth) {
        this(channels, depth, Shape.of(channels, channels, 3, 3));
    }

    @Override
    public String name() {
        return "tiny";
    }

    @Override
    public ParameterManifest manifest() {
        return new ParameterManifest.Builder(name()).add("conv.weight", channels, channels, 3, 3).add("conv.bias", channels)
                .ignoring(k -> k.endsWith("num_batches_tracked")).build();
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
        Shape x = shapes.get("x");
        if (x == null || x.rank() != 4 || x.dim(1) != channels) {
            throw new ShapeMismatchException("tiny input 'x'", "(B," + channels + ",H,W)", String.valueOf(x));
        }
    }

    @Override
    public Map<String, Tensor> forward(Ops ops, Weights w, Map<String, Tensor> inputs) {
        Tensor x = inputs.get("x");
        Tensor weight = w.get("conv.weight", requestedWeightShape);
        Tensor bias = w.get("conv.bias", Shape.of(channels));
        for (int i = 0; i < depth; i++) {
            x = ops.add(ops.layerNormChannels(ops.conv2d(x, weight, bias, Conv2dParams.of(1, 1)), 1e-6f), x);
        }
        return Map.of("y", x);
    }
}
