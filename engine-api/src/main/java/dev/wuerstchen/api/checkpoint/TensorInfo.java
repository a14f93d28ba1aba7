package dev.wuerstchen.api.checkpoint;

import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.Shape;
import java.nio.file.Path;

/**
 * Where a stored tensor lives.
 *
 * @param file the file holding its bytes
 * @param fileOffset absolute byte offset of its first byte in {@code file}
 * @param byteLength number of bytes ({@code shape.elementCount() · dtype.byteSize()})
 */
public record TensorInfo(String name, DType dtype, Shape shape, Path file, long fileOffset, long byteLength) {
}
