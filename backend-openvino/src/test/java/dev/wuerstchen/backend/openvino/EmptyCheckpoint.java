package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.TensorInfo;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.tensor.HostTensor;
import java.nio.file.Path;
import java.util.Set;

/** A checkpoint without tensors, for definitions without weights. */
final class EmptyCheckpoint implements Checkpoint {

    @Override
    public Path source() {
        return Path.of("empty.safetensors");
    }

    @Override
    public Set<String> names() {
        return Set.of();
    }

    @Override
    public TensorInfo info(String name) {
        throw new CheckpointException(source(), "no tensor " + name);
    }

    @Override
    public HostTensor read(String name) {
        throw new CheckpointException(source(), "no tensor " + name);
    }

    @Override
    public void close() {
    }
}
