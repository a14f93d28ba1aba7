package dev.wuerstchen.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.TensorInfo;
import dev.wuerstchen.api.config.VqganConfig;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.models.vqgan.PaellaVqNetwork;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The published totals of spec 2.4, checked on a checkpoint that only describes its tensors. */
class PublishedCheckpointsTest {

    /** Names and shapes without data: enough for counting parameters. */
    private static Checkpoint describing(Map<String, Shape> tensors) {
        Map<String, Shape> sorted = new TreeMap<>(tensors);
        return new Checkpoint() {
            @Override
            public Path source() {
                return Path.of("vqgan/diffusion_pytorch_model.safetensors");
            }

            @Override
            public Set<String> names() {
                return sorted.keySet();
            }

            @Override
            public TensorInfo info(String name) {
                Shape s = sorted.get(name);
                return new TensorInfo(name, DType.F32, s, source(), 0, s.elementCount() * 4);
            }

            @Override
            public HostTensor read(String name) {
                throw new IllegalStateException("this test checkpoint describes tensors without data; only counting reads it");
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void theFullPublishedVqganPassesWithOrWithoutTheBatchNormCounter() {
        ParameterManifest m = new PaellaVqNetwork(VqganConfig.PUBLISHED, PaellaVqNetwork.Mode.DECODE).manifest();
        Map<String, Shape> stored = new TreeMap<>(m.parameters());
        PublishedCheckpoints.VQGAN.check(m, describing(stored));
        stored.put("down_blocks.3.1.num_batches_tracked", Shape.of());
        PublishedCheckpoints.VQGAN.check(m, describing(stored));
    }

    @Test
    void aTruncatedDownloadIsNamedWithBothTotals() {
        ParameterManifest m = new PaellaVqNetwork(VqganConfig.PUBLISHED, PaellaVqNetwork.Mode.DECODE).manifest();
        Map<String, Shape> stored = new TreeMap<>(m.parameters());
        stored.remove("vquantizer.embedding.weight"); // 8192 × 4 parameters short
        stored.put("down_blocks.3.1.num_batches_tracked", Shape.of());
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> PublishedCheckpoints.VQGAN.check(m, describing(stored)));
        assertTrue(e.getMessage().contains("holds 18,374,134 parameters but the published warp-ai/wuerstchen vqgan has "
                + "18,406,902"), e.getMessage());
        assertTrue(e.getMessage().contains("download warp-ai/wuerstchen/vqgan again"), e.getMessage());
    }
}
