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

    /** Used while no exporter is connected: every request says so and names the alternative. */
    GraphSource NOT_CONNECTED = (definition, checkpoint, shapes) -> {
        throw new UnsupportedRequestException("openvino: network '" + definition.name() + "' must first be exported "
                + "as an ONNX graph, and this build has no ONNX exporter (module graph) connected to the OpenVINO backend",
                "Run the IR files of OpenVINO's Würstchen notebook (OpenVinoIrModels, the --ir-dir mode), or choose "
                        + "another backend");
    };
}
