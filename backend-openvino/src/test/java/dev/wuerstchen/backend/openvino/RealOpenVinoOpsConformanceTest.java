package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.nn.TensorSpec;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.graph.onnx.RecordedOpsConformance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The engine-api conformance suite on OpenVINO: every op is recorded and written as a one-op ONNX
 * graph ({@link RecordedOpsConformance}, as the graph module's ONNX Runtime suite does), compiled for
 * CPU with f32 precision, run, and compared with the reference ops. Needs a real OpenVINO; skipped,
 * listing every place searched, where there is none.
 */
class RealOpenVinoOpsConformanceTest extends RecordedOpsConformance {

    private OvCore core;
    private int cases;

    @BeforeEach
    void openCore() {
        core = RealOpenVino.runtime().createCore(); // skips the test when OpenVINO is absent
    }

    @AfterEach
    void closeCore() {
        if (core != null) {
            core.close();
        }
    }

    @Override
    protected HostTensor run(Path model, Map<String, HostTensor> inputs, DType outputType) {
        OvCompiledModel cm = core.compile(model, "CPU", CompileProperties.none().withInferencePrecision(ElementType.F32));
        // the graph's inputs are those the op reads, by name
        List<TensorSpec> in = new ArrayList<>();
        Map<String, HostTensor> feed = new LinkedHashMap<>();
        for (OvPort p : cm.inputs()) {
            HostTensor value = inputs.get(p.name());
            in.add(new TensorSpec(p.name(), value.dtype()));
            feed.put(p.name(), value);
        }
        try (BoundModel m = BoundModel.bind("conformance case " + cases++, cm, in,
                List.of(new TensorSpec(OUTPUT, outputType)), Map.of(), null)) {
            return m.run(feed).get(OUTPUT);
        }
    }
}
