package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.lang.foreign.MemorySegment;
import java.util.List;

/** Row slices and concatenation along the batch axis for F32 and I64 host tensors. */
final class Batches {

    private Batches() {
    }

    /**
     * Rows {@code [from, from + count)} of {@code t}, padded to {@code size} rows by repeating the last
     * row (networks treat batch rows independently, so padded rows do not change the real ones).
     */
    static HostTensor rows(HostTensor t, int from, int count, int size) {
        Shape s = t.shape();
        long row = s.elementCount() / Math.max(s.dim(0), 1) * t.dtype().byteSize();
        Shape out = s.withDim(0, size);
        MemorySegment dst = t.dtype() == DType.F32 ? MemorySegment.ofArray(new float[out.size()])
                : MemorySegment.ofArray(new long[out.size()]);
        MemorySegment src = t.segment();
        MemorySegment.copy(src, from * row, dst, 0, count * row);
        for (int r = count; r < size; r++) {
            MemorySegment.copy(src, (from + count - 1) * row, dst, r * row, row);
        }
        return HostTensor.wrap(t.dtype(), out, dst);
    }

    /** Concatenates the first {@code keep[i]} rows of each part. */
    static HostTensor concat(List<HostTensor> parts, int[] keep) {
        HostTensor first = parts.getFirst();
        int rows = 0;
        for (int k : keep) {
            rows += k;
        }
        Shape out = first.shape().withDim(0, rows);
        long row = first.shape().elementCount() / Math.max(first.shape().dim(0), 1) * first.dtype().byteSize();
        MemorySegment dst = first.dtype() == DType.F32 ? MemorySegment.ofArray(new float[out.size()])
                : MemorySegment.ofArray(new long[out.size()]);
        long at = 0;
        for (int i = 0; i < parts.size(); i++) {
            MemorySegment.copy(parts.get(i).segment(), 0, dst, at, keep[i] * row);
            at += keep[i] * row;
        }
        return HostTensor.wrap(first.dtype(), out, dst);
    }
}
