package dev.wuerstchen.api.backend;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.nn.Weights;
import dev.wuerstchen.api.ops.ReferenceOps;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.api.error.WeightsMismatchException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backend over the pure-Java double-precision {@link ReferenceOps}: slow, obviously correct, for
 * testing pipelines and parity code on tiny models without a native library.
 */
public final class ReferenceBackend implements Backend {

    /** Its provider, for registries built in tests. */
    public static final BackendProvider PROVIDER = new BackendProvider() {
        @Override
        public String id() {
            return "reference";
        }

        @Override
        public String description() {
            return "pure-Java double-precision reference ops (tests only)";
        }

        @Override
        public Availability probe() {
            return new Availability.Available("test", List.of("CPU"));
        }

        @Override
        public Backend open(BackendOptions options) {
            return new ReferenceBackend();
        }
    };

    @Override
    public String id() {
        return "reference";
    }

    @Override
    public Network load(NetworkDefinition def, Checkpoint ckpt, Precision precision) {
        def.manifest().check(ckpt.names(), n -> ckpt.info(n).shape());
        Map<String, Tensor> cache = new HashMap<>();
        Weights weights = (key, shape) -> cache.computeIfAbsent(key, k -> {
            HostTensor t = ckpt.read(k);
            if (!t.shape().equals(shape)) {
                throw new WeightsMismatchException(def.name(), List.of(), List.of(), List.of(k + " is " + t.shape()
                        + ", expected " + shape));
            }
            return ReferenceOps.of(t);
        });
        return new GuardedNetwork(def, "reference") {
            @Override
            protected NetworkOutputs execute(Map<String, HostTensor> inputs, Map<String, Shape> shapes) {
                Map<String, Tensor> in = new LinkedHashMap<>();
                inputs.forEach((k, v) -> in.put(k, ReferenceOps.of(v)));
                Map<String, Tensor> out = def.forward(new ReferenceOps(), weights, in);
                Map<String, HostTensor> host = new LinkedHashMap<>();
                for (TensorSpec spec : def.outputs()) {
                    host.put(spec.name(), ReferenceOps.toHost(out.get(spec.name())));
                }
                return new NetworkOutputs(host);
            }

            @Override
            protected void release() {
                cache.clear();
            }
        };
    }

    @Override
    public void close() {
        // nothing native to release
    }
}
