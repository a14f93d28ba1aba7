package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.tensor.Shape;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;

/**
 * The graph module's ONNX exporter as a {@link GraphSource}, for the tests that run real networks. The
 * module is not on this branch yet, so it is looked up by name; the tests are skipped while it is absent.
 */
final class OnnxGraphs {

    static final String EXPORTER = "dev.wuerstchen.graph.onnx.OnnxExporter";

    private OnnxGraphs() {
    }

    /** {@code OnnxExporter.export(def, ckpt, shapes, cacheDir, progress).modelFile()}; skips when absent. */
    static GraphSource exporter(Path cacheDir) {
        Method export = null;
        try {
            for (Method m : Class.forName(EXPORTER).getMethods()) {
                if (m.getName().equals("export") && m.getParameterCount() == 5) {
                    export = m;
                }
            }
        } catch (ClassNotFoundException e) {
            // reported below
        }
        Assumptions.assumeTrue(export != null, "the ONNX exporter (" + EXPORTER + ", module graph) is not on the test "
                + "class path, so networks cannot be exported for OpenVINO; add module graph as a test dependency");
        Method m = export;
        return (NetworkDefinition def, Checkpoint ckpt, Map<String, Shape> shapes) -> {
            try {
                Object target = Modifier.isStatic(m.getModifiers()) ? null
                        : m.getDeclaringClass().getDeclaredConstructor().newInstance();
                Consumer<String> progress = s -> { };
                Object graph = m.invoke(target, def, ckpt, shapes, cacheDir, progress);
                return (Path) graph.getClass().getMethod("modelFile").invoke(graph);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("calling " + EXPORTER + ".export failed", e);
            }
        };
    }
}
