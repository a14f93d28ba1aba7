package dev.wuerstchen.graph.onnx;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.Checkpoints;
import dev.wuerstchen.graph.TinyNet;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the export tests: a fresh TinyNet checkpoint file (seed 5) per test, opened and closed around it. */
abstract class TinyNetCheckpoint {

    @TempDir
    Path tmp;

    Path checkpointFile;
    Checkpoint ckpt;

    @BeforeEach
    void checkpoint() {
        checkpointFile = TinyNet.writeCheckpoint(tmp.resolve("tiny-net.safetensors"), 5);
        ckpt = Checkpoints.open(checkpointFile);
    }

    @AfterEach
    void close() {
        ckpt.close();
    }
}
