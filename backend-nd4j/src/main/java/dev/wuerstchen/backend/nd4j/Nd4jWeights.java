package dev.wuerstchen.backend.nd4j;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.error.WeightsMismatchException;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A network's parameters, read from the checkpoint once into float32 ND4J arrays. */
final class Nd4jWeights implements Weights {

    private final String network;
    private final Map<String, Nd4jTensor> tensors;

    private Nd4jWeights(String network, Map<String, Nd4jTensor> tensors) {
        this.network = network;
        this.tensors = tensors;
    }

    /**
     * Checks the checkpoint against the manifest (all missing, unexpected and mis-shaped names at
     * once), then reads every manifest entry.
     */
    static Nd4jWeights load(ParameterManifest manifest, Checkpoint checkpoint) {
        manifest.check(checkpoint.names(), name -> checkpoint.info(name).shape());
        Map<String, Nd4jTensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Shape> e : manifest.parameters().entrySet()) {
                HostTensor h = checkpoint.read(e.getKey());
                if (h.dtype() != DType.F32) {
                    h = HostTensor.of(h.shape(), h.toFloatArray()); // integer-typed parameters are read as floats
                }
                if (!h.shape().equals(e.getValue())) {
                    throw new WeightsMismatchException(manifest.network(), List.of(), List.of(),
                            List.of(e.getKey() + " is " + h.shape() + ", expected " + e.getValue()));
                }
                tensors.put(e.getKey(), new Nd4jTensor(Nd4jTensor.toArray(h), null));
            }
        } catch (RuntimeException ex) {
            tensors.values().forEach(t -> Scratch.release(t.array()));
            throw ex;
        }
        return new Nd4jWeights(manifest.network(), tensors);
    }

    @Override
    public Tensor get(String key, Shape expected) {
        Nd4jTensor t = tensors.get(key);
        if (t == null) {
            throw new WeightsMismatchException(network, List.of(key + " (requested by the network code but not in its manifest)"),
                    List.of(), List.of());
        }
        if (!t.shape().equals(expected)) {
            throw new WeightsMismatchException(network, List.of(), List.of(),
                    List.of(key + " is " + t.shape() + ", but the network code requested " + expected));
        }
        return t;
    }

    /** Bytes held by the parameters. */
    long bytes() {
        return tensors.values().stream().mapToLong(t -> t.shape().elementCount() * Float.BYTES).sum();
    }

    void release() {
        tensors.values().forEach(t -> Scratch.release(t.array()));
        tensors.clear();
    }
}
