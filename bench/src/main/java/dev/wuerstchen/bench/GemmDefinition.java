package dev.wuerstchen.bench;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.Shape;
import java.util.List;
import java.util.Map;

/**
 * A network that is nothing but float32 GEMMs: {@code y = a·B·B·…} ({@code repeats} products of
 * n×n matrices, B a weight). Run through a backend it measures that backend's matrix-product peak
 * with the same call path as a network step; chaining several products per call makes the copy of
 * the input and output (2·n² floats) negligible next to the {@code repeats·2n³} FLOPs.
 */
public final class GemmDefinition implements NetworkDefinition {

    public static final String A = "a";
    public static final String Y = "y";
    static final String WEIGHT = "gemm.weight";

    private final int n;
    private final int repeats;
    private final ParameterManifest manifest;

    public GemmDefinition(int n, int repeats) {
        if (n < 1 || repeats < 1) {
            throw new IllegalArgumentException("gemm size " + n + " and repeats " + repeats + " must be positive");
        }
        this.n = n;
        this.repeats = repeats;
        this.manifest = new ParameterManifest.Builder(name()).add(WEIGHT, n, n).build();
    }

    public int n() {
        return n;
    }

    public int repeats() {
        return repeats;
    }

    /** {@code repeats · 2n³}. */
    public long flops() {
        return repeats * 2L * n * n * n;
    }

    /** The single input's shape. */
    public Shape inputShape() {
        return Shape.of(n, n);
    }

    @Override
    public String name() {
        return "gemm" + n;
    }

    @Override
    public ParameterManifest manifest() {
        return manifest;
    }

    @Override
    public List<TensorSpec> inputs() {
        return List.of(new TensorSpec(A, DType.F32));
    }

    @Override
    public List<TensorSpec> outputs() {
        return List.of(new TensorSpec(Y, DType.F32));
    }

    @Override
    public void checkInputs(Map<String, Shape> shapes) {
        Shape a = shapes.get(A);
        if (a == null || !a.equals(inputShape())) {
            throw new ShapeMismatchException(name() + " input '" + A + "'", inputShape().toString(), String.valueOf(a));
        }
    }

    @Override
    public Map<String, Tensor> forward(Ops ops, Weights weights, Map<String, Tensor> inputs) {
        Tensor b = weights.get(WEIGHT, Shape.of(n, n)); // ~N(0, 1/n): y keeps unit scale
        Tensor y = inputs.get(A);
        for (int i = 0; i < repeats; i++) {
            y = ops.matmul(y, b);
        }
        return Map.of(Y, y);
    }
}
