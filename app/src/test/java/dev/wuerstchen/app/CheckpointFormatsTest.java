package dev.wuerstchen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wuerstchen.api.TestData;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.Checkpoints;
import dev.wuerstchen.api.checkpoint.SafetensorsWriter;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real downloads come in several forms: fp16 or bf16 files, and sharded checkpoints with an index.
 * The tiny pair rewritten in those forms must give (nearly) the image of the float32 files.
 */
class CheckpointFormatsTest {

    @TempDir
    Path tmp;

    @Test
    void halfPrecisionAndShardedCheckpointsGenerateTheSameImage() throws IOException {
        Path models = tmp.resolve("models");
        TestData.copyTree(TestData.tiny().resolve("wuerstchen-prior"), models.resolve("wuerstchen-prior"));
        TestData.copyTree(TestData.tiny().resolve("wuerstchen"), models.resolve("wuerstchen"));
        // the prior as an fp16 variant, its text encoder as bf16, the decoder in two shards
        rewrite(models.resolve("wuerstchen-prior/prior"), "diffusion_pytorch_model.safetensors",
                "diffusion_pytorch_model.fp16.safetensors", DType.F16);
        rewrite(models.resolve("wuerstchen-prior/text_encoder"), "model.safetensors", "model.safetensors", DType.BF16);
        shard(models.resolve("wuerstchen/decoder"));

        Path reference = tmp.resolve("fp32.png");
        Path converted = tmp.resolve("mixed.png");
        for (var run : List.of(Map.entry(TestData.tiny(), reference), Map.entry(models, converted))) {
            CommandLineRunner.Result r = CommandLineRunner.run("generate", "--model-dir", run.getKey().toString(), "--prompt",
                    "a cat", "--seed", "9", "--width", "128", "--height", "128", "--prior-steps", "4", "--decoder-steps",
                    "3", "--quiet", "--out", run.getValue().toString());
            assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        }
        BufferedImage a = ImageIO.read(reference.toFile());
        BufferedImage b = ImageIO.read(converted.toFile());
        long total = 0;
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    total += Math.abs(((a.getRGB(x, y) >> shift) & 0xFF) - ((b.getRGB(x, y) >> shift) & 0xFF));
                }
            }
        }
        double mean = total / (128.0 * 128 * 3);
        // wrongly decoded half floats give noise (mean differences in the tens); rounding gives fractions of a level
        assertTrue(mean < 1.0, "mean 8-bit difference " + mean);
    }

    private static void rewrite(Path dir, String from, String to, DType type) throws IOException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        try (Checkpoint c = Checkpoints.open(dir.resolve(from))) {
            for (String n : c.names()) {
                tensors.put(n, c.read(n));
            }
        }
        Files.delete(dir.resolve(from));
        SafetensorsWriter.write(dir.resolve(to), new LinkedHashMap<>(tensors), Map.of(), type);
    }

    /** Splits a checkpoint into two shards plus a {@code .safetensors.index.json}. */
    private static void shard(Path dir) throws IOException {
        String file = "diffusion_pytorch_model.safetensors";
        LinkedHashMap<String, HostTensor> first = new LinkedHashMap<>();
        LinkedHashMap<String, HostTensor> second = new LinkedHashMap<>();
        Map<String, String> weightMap = new LinkedHashMap<>();
        try (Checkpoint c = Checkpoints.open(dir.resolve(file))) {
            int i = 0;
            for (String n : c.names()) {
                boolean early = i++ % 2 == 0;
                (early ? first : second).put(n, c.read(n));
                weightMap.put(n, early ? "diffusion_pytorch_model-00001-of-00002.safetensors"
                        : "diffusion_pytorch_model-00002-of-00002.safetensors");
            }
        }
        Files.delete(dir.resolve(file));
        SafetensorsWriter.write(dir.resolve("diffusion_pytorch_model-00001-of-00002.safetensors"), first, Map.of(), DType.F32);
        SafetensorsWriter.write(dir.resolve("diffusion_pytorch_model-00002-of-00002.safetensors"), second, Map.of(), DType.F32);
        Files.writeString(dir.resolve(file + ".index.json"),
                new ObjectMapper().writeValueAsString(Map.of("metadata", Map.of(), "weight_map", weightMap)));
    }
}
