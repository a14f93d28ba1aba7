package dev.wuerstchen.graph.onnx;

import dev.wuerstchen.api.nn.TensorSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * An exported network: the ONNX model for one set of input shapes and the external-data file with
 * its weights (shared by every model of the same network and checkpoint), with the model's inputs and
 * outputs in positional order. Both files live in the export cache; nobody deletes them but the user.
 */
public record ExportedGraph(Path modelFile, Path weightsFile, List<TensorSpec> inputs, List<TensorSpec> outputs) {

    public ExportedGraph {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
