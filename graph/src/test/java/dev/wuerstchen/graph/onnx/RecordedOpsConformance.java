package dev.wuerstchen.graph.onnx;

import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.OpsConformanceTest;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.DType;
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
 * The engine-api conformance suite on an export path (published in graph's test-jar): every op is
 * recorded by {@link RecordingOps} and written as a one-op ONNX model, which a graph runtime runs
 * ({@link #run}); the result is compared with the reference ops. Inputs become graph inputs named
 * {@code in0, in1, ...} and fed the test's values; the result is the graph output {@value #OUTPUT}.
 */
public abstract class RecordedOpsConformance extends OpsConformanceTest {

    /** Name of the one graph output. */
    protected static final String OUTPUT = "out";

    private final RecordingOps ops = new RecordingOps();
    private final Map<String, HostTensor> bound = new LinkedHashMap<>();
    private int models;

    @TempDir
    Path modelDir;

    /**
     * Runs {@code model} with the graph inputs it declares, taken by name from {@code inputs} (which
     * may hold more), and returns its output {@value #OUTPUT}, of element type {@code outputType}.
     */
    protected abstract HostTensor run(Path model, Map<String, HostTensor> inputs, DType outputType);

    @Override
    protected final Ops ops() {
        return ops;
    }

    @Override
    protected final Tensor input(HostTensor value) {
        String name = "in" + bound.size();
        Value v = ops.input(name, value.shape(), value.dtype());
        bound.put(name, value);
        return v;
    }

    @Override
    protected final HostTensor output(Tensor result) {
        Graph g = ops.graph("conformance", Map.of(OUTPUT, result));
        byte[] bytes = OnnxModelWriter.toBytes(g, key -> {
            throw new AssertionError("the conformance graphs read no weights, but asked for " + key);
        });
        Path model = modelDir.resolve("case" + models++ + ".onnx");
        try {
            Files.write(model, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return run(model, Map.copyOf(bound), result.dtype());
    }
}
