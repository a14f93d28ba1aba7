package dev.wuerstchen.backend.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.wuerstchen.api.backend.GuardedNetwork;
import dev.wuerstchen.api.backend.NetworkOutputs;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.error.NativeCallException;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.graph.onnx.ExportedGraph;
import dev.wuerstchen.graph.onnx.OnnxExporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One network on ONNX Runtime. Each new input-shape signature exports the graph (or finds it in the
 * export cache) and creates a session for it (CPU, all graph optimisations). The
 * {@value #KEPT_SESSIONS} most recently used sessions are kept (a pipeline alternates at most two
 * signatures, with and without guidance; each session holds its own copy of the weights); an evicted
 * one is closed. Owns its sessions; calls are serialised.
 */
final class OrtNetwork extends GuardedNetwork {

    /** Sessions kept, least recently used evicted first. */
    static final int KEPT_SESSIONS = 2;

    private final Checkpoint checkpoint;
    private final OrtEnvironment env;
    private final int threads;
    private final Path cacheDir;
    private final Consumer<String> progress;
    private final LinkedHashMap<List<Shape>, OrtSession> sessions = new LinkedHashMap<>(4, 0.75f, true);

    OrtNetwork(NetworkDefinition def, Checkpoint checkpoint, OrtEnvironment env, int threads, Path cacheDir,
            Consumer<String> progress) {
        super(def, "onnxruntime");
        this.checkpoint = checkpoint;
        this.env = env;
        this.threads = threads;
        this.cacheDir = cacheDir;
        this.progress = progress;
    }

    @Override
    protected NetworkOutputs execute(Map<String, HostTensor> inputs, Map<String, Shape> shapes) {
        OrtSession session = session(shapes);
        List<OnnxTensor> fed = new ArrayList<>();
        try {
            Map<String, OnnxTensor> feed = new LinkedHashMap<>();
            for (TensorSpec spec : definition().inputs()) {
                OnnxTensor t = OrtTensors.toOrt(env, inputs.get(spec.name()));
                fed.add(t);
                feed.put(spec.name(), t);
            }
            try (OrtSession.Result result = session.run(feed)) {
                Map<String, HostTensor> out = new LinkedHashMap<>();
                for (TensorSpec spec : definition().outputs()) {
                    OnnxValue v = result.get(spec.name()).orElseThrow(() -> new IllegalStateException(definition().name()
                            + ": the session returned no output '" + spec.name() + "'. This is a bug in the exporter."));
                    out.put(spec.name(), OrtTensors.toHost((OnnxTensor) v));
                }
                return new NetworkOutputs(out);
            }
        } catch (OrtException e) {
            throw new NativeCallException("OrtSession.run(" + definition().name() + ")", e.getCode().name(), e.getMessage());
        } finally {
            fed.forEach(OnnxTensor::close);
        }
    }

    private OrtSession session(Map<String, Shape> shapes) {
        List<Shape> key = List.copyOf(shapes.values());
        OrtSession s = sessions.get(key);
        if (s != null) {
            return s;
        }
        ExportedGraph graph = OnnxExporter.export(definition(), checkpoint, shapes, cacheDir, progress);
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
        evict();
        return s;
    }

    /** Closes the least recently used sessions beyond {@link #KEPT_SESSIONS}. */
    private void evict() {
        Iterator<OrtSession> oldest = sessions.values().iterator();
        while (sessions.size() > KEPT_SESSIONS && oldest.hasNext()) {
            OrtSession s = oldest.next();
            oldest.remove();
            closeSession(s);
        }
    }

    private void closeSession(OrtSession s) {
        try {
            s.close();
        } catch (OrtException e) {
            throw new NativeCallException("OrtSession.close(" + definition().name() + ")", e.getCode().name(), e.getMessage());
        }
    }

    /** The open sessions, least recently used first (for tests). */
    synchronized List<OrtSession> sessions() {
        return List.copyOf(sessions.values());
    }

    /** Closes every session (all of them, even if one fails). */
    @Override
    protected void release() {
        NativeCallException failure = null;
        for (OrtSession s : sessions.values()) {
            try {
                closeSession(s);
            } catch (NativeCallException n) {
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
