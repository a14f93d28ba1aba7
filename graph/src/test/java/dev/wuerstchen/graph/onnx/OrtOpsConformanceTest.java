package dev.wuerstchen.graph.onnx;

import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.OpsConformanceTest;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.graph.Graph;
import dev.wuerstchen.graph.RecordingOps;
import dev.wuerstchen.graph.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine-api conformance suite on the whole export path: every op is recorded by
 * {@link RecordingOps}, lowered and written as ONNX, run on ONNX Runtime, and compared with the
 * reference ops. Inputs become graph inputs fed the test's values.
 */
class OrtOpsConformanceTest extends OpsConformanceTest {

    private final RecordingOps ops = new RecordingOps();
    private final Map<String, HostTensor> bound = new LinkedHashMap<>();
    private int models;

    @TempDir
    Path dir;

    @Override
    protected Ops ops() {
        return ops;
    }

    @Override
    protected Tensor input(HostTensor value) {
        String name = "in" + bound.size();
        Value v = ops.input(name, value.shape(), value.dtype());
        bound.put(name, value);
        return v;
    }

    @Override
    protected HostTensor output(Tensor result) {
        Graph g = ops.graph("conformance", Map.of("out", result));
        byte[] bytes = OnnxModelWriter.toBytes(g, key -> {
            throw new AssertionError("the conformance graphs read no weights, but asked for " + key);
        });
        Path model = dir.resolve("case" + models++ + ".onnx");
        try {
            Files.write(model, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return OrtRunner.run(model, bound).get("out");
    }
}
