package dev.wuerstchen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchArgsTest {

    @Test
    void defaultsMeasureThePublishedNetworks() {
        BenchOptions o = BenchArgs.parse().options();
        assertEquals(ModelSize.PUBLISHED, o.size());
        assertEquals(List.of(BenchNetwork.PRIOR, BenchNetwork.DECODER), o.networks());
        assertEquals(List.of(2048, 4096), o.matmulSizes());
        assertEquals(Path.of("bench-results"), o.outputDir());
        assertEquals(List.of(), o.backends());
    }

    @Test
    void flagsOverrideTheQuickPreset() {
        BenchOptions o = BenchArgs.parse("--backend", "nd4j,onnxruntime", "--network", "decoder", "--quick", "--matmul", "none",
                "--iterations", "5", "--warmup", "0", "--forks", "0", "--threads", "2", "--heap", "8g", "--jvm-arg", "-Dx=1",
                "--out", "/tmp/b").options();
        assertEquals(ModelSize.TINY, o.size());
        assertEquals(List.of("nd4j", "onnxruntime"), o.backends());
        assertEquals(List.of(BenchNetwork.DECODER), o.networks());
        assertEquals(List.of(), o.matmulSizes());
        assertEquals(5, o.measurementIterations());
        assertEquals(0, o.warmupIterations());
        assertEquals(0, o.forks());
        assertEquals(2, o.threads());
        assertEquals("8g", o.forkHeap());
        assertEquals(List.of("-Dx=1"), o.extraJvmArgs());
        assertEquals(Path.of("/tmp/b"), o.outputDir());
        assertTrue(BenchArgs.parse("--help").help());
        assertEquals(Path.of("old-run"), BenchArgs.parse("--replot", "old-run").replot());
    }

    @Test
    void badInputIsAUsageErrorNamingTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse("--network", "vqgan"))
                .getMessage().contains("vqgan"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse("--iterations", "many"))
                .getMessage().contains("--iterations"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse("--out")).getMessage().contains("--out"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse("--heap", "lots")).getMessage()
                .contains("lots"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse("--iterations", "0")).getMessage()
                .contains("iterations"));
        assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse("--frobnicate"));
    }
}
