package dev.wuerstchen.graph.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: runs an ONNX model file on ONNX Runtime (CPU) with host tensors in and out. */
public final class OrtRunner {

    private OrtRunner() {
    }

    /** Runs the model with the given inputs and returns every graph output by name. */
    public static Map<String, HostTensor> run(Path model, Map<String, HostTensor> inputs) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<OnnxTensor> owned = new ArrayList<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model.toString(), options)) {
                Map<String, OnnxTensor> feed = new LinkedHashMap<>();
                for (String name : session.getInputNames()) {
                    HostTensor t = inputs.get(name);
                    if (t == null) {
                        throw new IllegalArgumentException("no value for graph input '" + name + "'");
                    }
                    OnnxTensor o = tensor(env, t);
                    owned.add(o);
                    feed.put(name, o);
                }
                Map<String, HostTensor> out = new LinkedHashMap<>();
                try (OrtSession.Result result = session.run(feed)) {
                    for (Map.Entry<String, OnnxValue> e : result) {
                        out.put(e.getKey(), host((OnnxTensor) e.getValue()));
                    }
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + model + ": " + e.getMessage(), e);
        } finally {
            owned.forEach(OnnxTensor::close);
        }
    }

    static OnnxTensor tensor(OrtEnvironment env, HostTensor t) throws OrtException {
        long[] shape = longs(t.shape());
        if (t.dtype() == DType.I64) {
            return OnnxTensor.createTensor(env, LongBuffer.wrap(t.toLongArray()), shape);
        }
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(t.toFloatArray()), shape);
    }

    static HostTensor host(OnnxTensor o) {
        long[] dims = o.getInfo().getShape();
        Shape shape = Shape.ofLongs(dims);
        return switch (o.getInfo().type) {
            case FLOAT -> {
                FloatBuffer fb = o.getFloatBuffer();
                float[] v = new float[fb.remaining()];
                fb.get(v);
                yield HostTensor.of(shape, v);
            }
            case INT64 -> {
                LongBuffer lb = o.getLongBuffer();
                long[] v = new long[lb.remaining()];
                lb.get(v);
                yield HostTensor.of(shape, v);
            }
            default -> throw new IllegalStateException("unexpected output type " + o.getInfo().type);
        };
    }

    private static long[] longs(Shape s) {
        long[] d = new long[s.rank()];
        for (int i = 0; i < d.length; i++) {
            d[i] = s.dim(i);
        }
        return d;
    }
}
