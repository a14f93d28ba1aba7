package dev.wuerstchen.backend.openvino;

import java.nio.file.Path;

/** The graph module's ONNX exporter as a {@link GraphSource}, for the tests that run real networks. */
final class OnnxGraphs {

    private OnnxGraphs() {
    }

    static GraphSource exporter(Path cacheDir) {
        return new OnnxGraphSource(cacheDir, s -> { });
    }
}
