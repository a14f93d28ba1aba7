package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.graph.onnx.OnnxExporter;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Graphs from the graph module's ONNX exporter, in the export cache the ONNX Runtime backend uses too
 * (a network exported for one backend is not exported again for the other).
 */
record OnnxGraphSource(Path exportDir, Consumer<String> log) implements GraphSource {

    @Override
    public Path onnxFile(NetworkDefinition definition, Checkpoint checkpoint, Map<String, Shape> inputShapes) {
        return OnnxExporter.export(definition, checkpoint, inputShapes, exportDir, log).modelFile();
    }
}
