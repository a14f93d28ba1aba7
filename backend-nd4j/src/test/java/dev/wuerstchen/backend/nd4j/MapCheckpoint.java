package dev.wuerstchen.backend.nd4j;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.TensorInfo;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.tensor.HostTensor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** An in-memory checkpoint for tests. */
record MapCheckpoint(Map<String, HostTensor> tensors) implements Checkpoint {

    MapCheckpoint {
        tensors = new TreeMap<>(tensors);
    }

    @Override
    public Path source() {
        return Path.of("memory");
    }

    @Override
    public Set<String> names() {
        return tensors.keySet();
    }

    @Override
    public TensorInfo info(String name) {
        HostTensor t = tensors.get(name);
        if (t == null) {
            throw new CheckpointException(source(), "no tensor '" + name + "'");
        }
        return new TensorInfo(name, t.dtype(), t.shape(), source(), 0, t.shape().elementCount() * t.dtype().byteSize());
    }

    @Override
    public HostTensor read(String name) {
        info(name);
        return tensors.get(name);
    }

    @Override
    public void close() {
    }
}
