package dev.wuerstchen.backend.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/** Copies between host tensors and ONNX Runtime tensors (F32 and I64 only). */
final class OrtTensors {

    private OrtTensors() {
    }

    /** A new ORT tensor holding a copy of {@code t}; the caller closes it. */
    static OnnxTensor toOrt(OrtEnvironment env, HostTensor t) throws OrtException {
        int[] dims = t.shape().dims();
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = dims[i];
        }
        return t.dtype() == DType.I64
                ? OnnxTensor.createTensor(env, LongBuffer.wrap(t.toLongArray()), shape)
                : OnnxTensor.createTensor(env, FloatBuffer.wrap(t.toFloatArray()), shape);
    }

    /** A heap copy of an ORT output, which the caller may close afterwards. */
    static HostTensor toHost(OnnxTensor o) {
        Shape shape = Shape.ofLongs(o.getInfo().getShape());
        return switch (o.getInfo().type) {
            case FLOAT -> {
                FloatBuffer b = o.getFloatBuffer();
                float[] v = new float[b.remaining()];
                b.get(v);
                yield HostTensor.of(shape, v);
            }
            case INT64 -> {
                LongBuffer b = o.getLongBuffer();
                long[] v = new long[b.remaining()];
                b.get(v);
                yield HostTensor.of(shape, v);
            }
            default -> throw new IllegalStateException("ONNX Runtime returned a " + o.getInfo().type
                    + " tensor; the exported graphs only produce FLOAT and INT64. This is a bug in the exporter.");
        };
    }
}
