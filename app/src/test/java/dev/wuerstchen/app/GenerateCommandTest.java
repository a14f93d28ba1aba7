package dev.wuerstchen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.TestData;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.Checkpoints;
import dev.wuerstchen.api.tensor.HostTensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

/** {@code generate} on the golden tiny model pair: the PNG must be diffusers' image for the same seed. */
class GenerateCommandTest {

    @TempDir
    Path tmp;

    @Test
    void theTinyModelReproducesTheGoldenImage() throws IOException {
        Path tiny = TestData.tiny();
        com.fasterxml.jackson.databind.JsonNode cfg = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(tiny.resolve("golden-index.json").toFile()).path("meta").path("config");
        Path out = tmp.resolve("cat.png");
        // the golden pipelines drew from manual_seed(seed + 1)
        CommandLineRunner.Result r = CommandLineRunner.run("generate", "--model-dir", tiny.toString(), "--prompt",
                cfg.path("prompts").get(0).asText(), "--negative-prompt", cfg.path("negative").asText(), "--seed",
                Long.toString(cfg.path("seed").asLong() + 1), "--width", cfg.path("width").asText(), "--height",
                cfg.path("height").asText(), "--prior-guidance", cfg.path("prior_guidance").asText(), "--decoder-guidance",
                cfg.path("decoder_guidance").asText(), "--decoder-steps", cfg.path("decoder_steps").asText(), "--out",
                out.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("wrote " + out), r.out());

        BufferedImage img = ImageIO.read(out.toFile());
        long[] golden;
        try (Checkpoint g = Checkpoints.open(tiny.resolve("golden.safetensors"))) {
            HostTensor t = g.read("decoder_pipeline.images_uint8"); // (1, H, W, 3)
            assertEquals(img.getHeight(), t.shape().dim(1));
            assertEquals(img.getWidth(), t.shape().dim(2));
            golden = t.toLongArray();
        }
        int differing = 0;
        int worst = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int[] px = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
                for (int c = 0; c < 3; c++) {
                    int d = Math.abs(px[c] - (int) golden[(y * img.getWidth() + x) * 3 + c]);
                    differing += d == 0 ? 0 : 1;
                    worst = Math.max(worst, d);
                }
            }
        }
        assertTrue(worst <= 1, "a value differs by " + worst);
        assertTrue(differing <= golden.length / 1000, differing + " of " + golden.length + " values differ");

        Map<String, String> text = pngText(out);
        assertEquals(cfg.path("prompts").get(0).asText(), text.get("prompt"));
        assertEquals(Long.toString(cfg.path("seed").asLong() + 1), text.get("seed"));
        assertEquals("nd4j", text.get("backend"));
        assertEquals("12 (even schedule)", text.get("decoder_steps"));
        assertTrue(text.get("prior_steps").startsWith("29 (timesteps 1.00000,0.982456"), text.get("prior_steps"));
        assertTrue(text.get("model").contains("wuerstchen-prior"), text.get("model"));
    }

    @Test
    void severalImagesAreNumberedAndNoTemporaryFilesRemain() throws IOException {
        Path out = tmp.resolve("img.png");
        CommandLineRunner.Result r = CommandLineRunner.run("generate", "--model-dir", TestData.tiny().toString(), "--prompt",
                "a red house", "--seed", "7", "--width", "128", "--height", "128", "--images", "2", "--prior-steps", "3",
                "--decoder-steps", "2", "--quiet", "--out", out.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals("", r.err(), "--quiet prints nothing on stderr");
        try (var files = Files.list(tmp)) {
            assertEquals(java.util.List.of("img-1.png", "img-2.png"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        BufferedImage a = ImageIO.read(tmp.resolve("img-1.png").toFile());
        BufferedImage b = ImageIO.read(tmp.resolve("img-2.png").toFile());
        assertEquals(128, a.getWidth());
        assertFalse(java.util.Arrays.equals(a.getRGB(0, 0, 128, 128, null, 0, 128), b.getRGB(0, 0, 128, 128, null, 0, 128)),
                "the two images come from different noise");
        assertEquals("1 of 2", pngText(tmp.resolve("img-1.png")).get("image_index"));
    }

    /** The iTXt/tEXt chunks, read with the JDK's own PNG decoder. */
    static Map<String, String> pngText(Path png) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
            reader.setInput(in);
            IIOMetadata meta = reader.getImageMetadata(0);
            Node root = meta.getAsTree("javax_imageio_png_1.0");
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeName().equals("iTXt")) {
                    for (Node e = n.getFirstChild(); e != null; e = e.getNextSibling()) {
                        var attrs = e.getAttributes();
                        out.put(attrs.getNamedItem("keyword").getNodeValue(), attrs.getNamedItem("text").getNodeValue());
                    }
                }
            }
        }
        return out;
    }
}
