package dev.wuerstchen.graph.onnx;

import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import java.nio.file.Path;
import java.util.Map;

/**
 * The engine-api conformance suite on the whole export path: every op is recorded, lowered and
 * written as ONNX ({@link RecordedOpsConformance}), run on ONNX Runtime, and compared with the
 * reference ops.
 */
class OrtOpsConformanceTest extends RecordedOpsConformance {

    @Override
    protected HostTensor run(Path model, Map<String, HostTensor> inputs, DType outputType) {
        return OrtRunner.run(model, inputs).get(OUTPUT);
    }
}
