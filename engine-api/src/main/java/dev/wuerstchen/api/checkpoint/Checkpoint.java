package dev.wuerstchen.api.checkpoint;

import dev.wuerstchen.api.tensor.HostTensor;
import java.nio.file.Path;
import java.util.Set;

/**
 * Named tensors stored in one or more files, read lazily. Closing releases the mappings; tensors
 * already read are heap copies and stay valid.
 */
public interface Checkpoint extends AutoCloseable {

    /** The file or index the checkpoint was opened from (used in messages). */
    Path source();

    /** All stored names, sorted. */
    Set<String> names();

    /**
     * Location, type and shape of a stored tensor.
     *
     * @throws dev.wuerstchen.api.error.CheckpointException if absent
     */
    TensorInfo info(String name);

    /**
     * Reads one tensor: floating-point types (F32, F16, BF16) convert to float32, integer types to
     * int64. Only this tensor's bytes are touched.
     */
    HostTensor read(String name);

    /** Idempotent. */
    @Override
    void close();
}
