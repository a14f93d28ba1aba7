package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.backend.GuardedNetwork;
import dev.wuerstchen.api.backend.NetworkOutputs;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A network run from its exported graph: for each new set of input shapes the {@link GraphSource}
 * provides an ONNX file, which is compiled (OpenVINO's {@code CACHE_DIR} makes recompiling cheap) and
 * kept; the {@value #KEPT_SHAPE_SETS} most recently used shape sets stay compiled, since each compiled
 * model holds its own copy of the weights (4 GB for the published prior).
 */
final class OpenVinoNetwork extends GuardedNetwork {

    /** Compiled shape sets kept: pipelines use one or two (with and without guidance). */
    static final int KEPT_SHAPE_SETS = 2;

    private final OpenVinoBackend backend;
    private final Checkpoint checkpoint;
    private final Precision precision;
    private final LinkedHashMap<Map<String, Shape>, BoundModel> compiled = new LinkedHashMap<>(4, 0.75f, true);

    OpenVinoNetwork(OpenVinoBackend backend, NetworkDefinition definition, Checkpoint checkpoint, Precision precision) {
        super(definition, "openvino");
        this.backend = backend;
        this.checkpoint = checkpoint;
        this.precision = precision;
    }

    @Override
    protected NetworkOutputs execute(Map<String, HostTensor> inputs, Map<String, Shape> shapes) {
        BoundModel model = compiled.get(shapes);
        if (model == null) {
            model = compile(shapes);
            compiled.put(Map.copyOf(shapes), model);
            evict();
        }
        return model.run(inputs);
    }

    private BoundModel compile(Map<String, Shape> shapes) {
        Path onnx = backend.graphSource().onnxFile(definition(), checkpoint, shapes);
        OvCompiledModel cm = backend.core().compile(onnx, backend.device(), backend.compileProperties(precision));
        return BoundModel.bind(definition().name(), cm, definition().inputs(), definition().outputs(), Map.of(), shapes);
    }

    private void evict() {
        Iterator<BoundModel> it = compiled.values().iterator();
        while (compiled.size() > KEPT_SHAPE_SETS && it.hasNext()) {
            BoundModel oldest = it.next();
            it.remove();
            oldest.close();
        }
    }

    /** Number of shape sets currently compiled (for tests). */
    synchronized int compiledShapeSets() {
        return compiled.size();
    }

    @Override
    protected void release() {
        try {
            OpenVinoBackend.closeAll(compiled.values());
        } finally {
            compiled.clear();
            backend.forget(this);
        }
    }
}
