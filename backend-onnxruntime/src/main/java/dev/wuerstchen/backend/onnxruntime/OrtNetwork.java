package dev.wuerstchen.backend.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.backend.NetworkOutputs;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.error.NativeCallException;
import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.graph.onnx.ExportedGraph;
import dev.wuerstchen.graph.onnx.OnnxExporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One network on ONNX Runtime. Each new input-shape signature exports the graph (or finds it in the
 * export cache) and creates a session for it (CPU, all graph optimisations); sessions are kept per
 * signature until the network is closed. Owns its sessions; not thread-safe (one caller at a time).
 */
final class OrtNetwork implements Network {

    private final NetworkDefinition def;
    private final Checkpoint checkpoint;
    private final OrtEnvironment env;
    private final int threads;
    private final Path cacheDir;
    private final Consumer<String> progress;
    private final Map<List<Shape>, OrtSession> sessions = new LinkedHashMap<>();
    private boolean closed;

    OrtNetwork(NetworkDefinition def, Checkpoint checkpoint, OrtEnvironment env, int threads, Path cacheDir,
            Consumer<String> progress) {
        this.def = def;
        this.checkpoint = checkpoint;
        this.env = env;
        this.threads = threads;
        this.cacheDir = cacheDir;
        this.progress = progress;
    }

    @Override
    public NetworkDefinition definition() {
        return def;
    }

    @Override
    public synchronized NetworkOutputs run(Map<String, HostTensor> inputs) {
        if (closed) {
            throw new IllegalStateException(def.name() + " on onnxruntime is closed; load the network again to run it");
        }
        Map<String, Shape> shapes = checkedShapes(inputs);
        OrtSession session = session(shapes);
        List<OnnxTensor> fed = new ArrayList<>();
        try {
            Map<String, OnnxTensor> feed = new LinkedHashMap<>();
            for (TensorSpec spec : def.inputs()) {
                OnnxTensor t = OrtTensors.toOrt(env, inputs.get(spec.name()));
                fed.add(t);
                feed.put(spec.name(), t);
            }
            try (OrtSession.Result result = session.run(feed)) {
                Map<String, HostTensor> out = new LinkedHashMap<>();
                for (TensorSpec spec : def.outputs()) {
                    OnnxValue v = result.get(spec.name()).orElseThrow(() -> new IllegalStateException(def.name()
                            + ": the session returned no output '" + spec.name() + "'. This is a bug in the exporter."));
                    out.put(spec.name(), OrtTensors.toHost((OnnxTensor) v));
                }
                return new NetworkOutputs(out);
            }
        } catch (OrtException e) {
            throw new NativeCallException("OrtSession.run(" + def.name() + ")", e.getCode().name(), e.getMessage());
        } finally {
            fed.forEach(OnnxTensor::close);
        }
    }

    /** Every declared input present with its declared type, nothing else; the network checks the shapes. */
    private Map<String, Shape> checkedShapes(Map<String, HostTensor> inputs) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (TensorSpec spec : def.inputs()) {
            HostTensor t = inputs.get(spec.name());
            if (t == null) {
                throw new ShapeMismatchException(def.name() + " input '" + spec.name() + "'", "a " + spec.dtype()
                        + " tensor", "nothing (inputs given: " + inputs.keySet() + ")");
            }
            if (t.dtype() != spec.dtype()) {
                throw new ShapeMismatchException(def.name() + " input '" + spec.name() + "'", spec.dtype() + " values",
                        t.shape() + " of " + t.dtype());
            }
            shapes.put(spec.name(), t.shape());
        }
        for (String name : inputs.keySet()) {
            if (!shapes.containsKey(name)) {
                throw new ShapeMismatchException(def.name() + " input '" + name + "'", "one of " + shapes.keySet(),
                        "an unknown input");
            }
        }
        def.checkInputs(shapes);
        return shapes;
    }

    private OrtSession session(Map<String, Shape> shapes) {
        List<Shape> key = List.copyOf(shapes.values());
        OrtSession s = sessions.get(key);
        if (s != null) {
            return s;
        }
        ExportedGraph graph = OnnxExporter.export(def, checkpoint, shapes, cacheDir, progress);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            s = env.createSession(graph.modelFile().toString(), options);
        } catch (OrtException e) {
            throw new NativeCallException("OrtEnvironment.createSession(" + graph.modelFile() + ")", e.getCode().name(),
                    e.getMessage());
        }
        sessions.put(key, s);
        return s;
    }

    /** Closes every session (all of them, even if one fails). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        NativeCallException failure = null;
        for (OrtSession s : sessions.values()) {
            try {
                s.close();
            } catch (OrtException e) {
                NativeCallException n = new NativeCallException("OrtSession.close(" + def.name() + ")",
                        e.getCode().name(), e.getMessage());
                if (failure == null) {
                    failure = n;
                } else {
                    failure.addSuppressed(n);
                }
            }
        }
        sessions.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
