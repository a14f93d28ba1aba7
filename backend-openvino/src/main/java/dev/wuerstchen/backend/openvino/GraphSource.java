package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.error.UnsupportedRequestException;
import dev.wuerstchen.api.nn.NetworkDefinition;
import dev.wuerstchen.api.tensor.Shape;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the OpenVINO backend gets the graph of a network: an ONNX file for one definition, its
 * checkpoint and static input shapes (graph inputs named as the definition's inputs, outputs as its
 * outputs). The graph module's ONNX exporter is plugged in here.
 */
@FunctionalInterface
public interface GraphSource {

    /**
     * The ONNX file (written now or found in a cache) computing {@code definition} with the weights of
     * {@code checkpoint} for these input shapes.
     */
    Path onnxFile(NetworkDefinition definition, Checkpoint checkpoint, Map<String, Shape> inputShapes);

    /**
     * For backends opened only to run ready-made IR files ({@link OpenVinoIrModels}): a network that
     * would need exporting is refused with the alternatives.
     */
    GraphSource IR_ONLY = (definition, checkpoint, shapes) -> {
        throw new UnsupportedRequestException("openvino: network '" + definition.name() + "' would have to be exported "
                + "as an ONNX graph, but this backend was opened to run IR files only",
                "Open the backend through its provider's default constructor, which exports graphs, or choose another backend");
    };
}
