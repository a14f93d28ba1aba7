package dev.wuerstchen.bench;

import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * One network call to measure: a definition and the shapes of its inputs.
 *
 * @param network the benchmark's name for it ({@code prior}, {@code decoder}, {@code gemm})
 */
public record Workload(String network, ModelSize size, NetworkDefinition definition, Map<String, Shape> inputShapes) {

    /** Name of the ratio input, the only one that must lie in [0, 1]. */
    private static final String RATIO = "r";

    public Workload {
        inputShapes = Collections.unmodifiableMap(new LinkedHashMap<>(inputShapes));
        definition.checkInputs(inputShapes);
    }

    /**
     * Fixed random inputs: standard normal values (latents and CLIP states are of order one), the
     * ratio uniform in [0, 1).
     */
    public Map<String, HostTensor> inputs(long seed) {
        Map<String, HostTensor> in = new LinkedHashMap<>();
        for (TensorSpec spec : definition.inputs()) {
            Shape shape = inputShapes.get(spec.name());
            SplittableRandom random = new SplittableRandom(SyntheticCheckpoint.mix(seed ^ SyntheticCheckpoint.hash64(spec.name())));
            float[] v = new float[shape.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (spec.name().equals(RATIO) ? random.nextDouble() : random.nextGaussian());
            }
            in.put(spec.name(), HostTensor.of(shape, v));
        }
        return in;
    }

    public FlopCount flops() {
        return FlopCounter.count(definition, inputShapes);
    }

    /** Inputs as {@code x(2,16,24,24) r(2) c(2,77,1280)}. */
    public String describeInputs() {
        StringJoiner j = new StringJoiner(" ");
        inputShapes.forEach((k, v) -> j.add(k + v));
        return j.toString();
    }
}
