package dev.wuerstchen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wuerstchen.api.TestData;
import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.Checkpoints;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.TensorMath;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertAndCompareTest {

    @TempDir
    Path tmp;

    /** The exported prior graph, run in plain ONNX Runtime on a recorded call's inputs, gives diffusers' output. */
    @Test
    void convertWritesGraphsThatReproduceTheRecordedCalls() throws IOException, OrtException {
        Path out = tmp.resolve("onnx");
        CommandLineRunner.Result r = CommandLineRunner.run("convert", "--model-dir", TestData.tiny().toString(), "--format",
                "onnx", "--out", out.toString(), "--width", "128", "--height", "128", "--quiet");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("exported 5 networks"), r.out());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("export.json").toFile());
        assertEquals(5, manifest.path("networks").size());
        JsonNode prior = null;
        for (JsonNode n : manifest.path("networks")) {
            assertTrue(Files.isRegularFile(out.resolve(n.path("model").asText())), n.toString());
            assertTrue(Files.isRegularFile(out.resolve(n.path("weights").asText())), n.toString());
            if (n.path("network").asText().equals("prior")) {
                prior = n;
            }
        }
        assertEquals("[2,16,3,3]", prior.path("inputs").get(0).path("shape").toString(), "guided batch of 2 at 128x128");

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (Checkpoint golden = Checkpoints.open(TestData.tiny().resolve("golden.safetensors"));
                OrtSession session = env.createSession(out.resolve(prior.path("model").asText()).toString(),
                        new OrtSession.SessionOptions())) {
            Map<String, String> inputs = Map.of("x", "prior.call0.arg0", "r", "prior.call0.r", "c", "prior.call0.c");
            Map<String, OnnxTensor> feed = new java.util.HashMap<>();
            for (var e : inputs.entrySet()) {
                HostTensor t = golden.read(e.getValue());
                long[] shape = java.util.Arrays.stream(t.shape().dims()).asLongStream().toArray();
                feed.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(t.toFloatArray()), shape));
            }
            try (OrtSession.Result result = session.run(feed)) {
                float[] eps = ((OnnxTensor) result.get(0)).getFloatBuffer().array();
                double err = TensorMath.relativeL2(eps, golden.read("prior.call0.out").toFloatArray());
                assertTrue(err < 1e-4, "relative L2 " + err);
            } finally {
                feed.values().forEach(OnnxTensor::close);
            }
        }

        CommandLineRunner.Result again = CommandLineRunner.run("convert", "--model-dir", TestData.tiny().toString(), "--out",
                out.toString(), "--width", "128", "--height", "128");
        assertEquals(ExitCode.OK, again.exitCode(), again.toString());
        assertTrue(again.err().contains("prior: using the cached graph"), "a second run writes nothing new:\n" + again.err());
        assertTrue(!again.err().contains("writing"), again.err());
    }

    @Test
    void convertNeedsAModelAndAFolder() throws IOException {
        CommandLineRunner.Result none = CommandLineRunner.run("convert", "--out", tmp.toString());
        assertEquals(ExitCode.USAGE, none.exitCode(), none.toString());
        assertTrue(none.err().contains("convert needs the model to export"), none.err());
        Path file = Files.writeString(tmp.resolve("f"), "x");
        CommandLineRunner.Result notFolder = CommandLineRunner.run("convert", "--model-dir", TestData.tiny().toString(),
                "--out", file.toString());
        assertEquals(ExitCode.USAGE, notFolder.exitCode(), notFolder.toString());
        assertTrue(notFolder.err().contains("--out must be a folder"), notFolder.err());
        CommandLineRunner.Result format = CommandLineRunner.run("convert", "--model-dir", TestData.tiny().toString(),
                "--out", tmp.toString(), "--format", "tflite");
        assertEquals(ExitCode.USAGE, format.exitCode(), format.toString());
    }

    @Test
    void compareRunsBothBackendsAndWritesTheThreePanels() throws IOException {
        Path png = tmp.resolve("cmp.png");
        CommandLineRunner.Result r = CommandLineRunner.run("compare", "--backends", "nd4j,onnxruntime", "--model-dir",
                TestData.tiny().toString(), "--width", "128", "--height", "128", "--prior-steps", "3", "--decoder-steps", "2",
                "--seed", "5", "--cache-dir", tmp.resolve("cache").toString(), "--out", png.toString(), "--quiet");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("prior step 3 latents"), r.out());
        assertTrue(r.out().contains("decoder step 2 latents"), r.out());
        assertTrue(r.out().contains("final images: relative L2"), r.out());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(3 * 128 + 2 * 8, img.getWidth());
        assertEquals(128, img.getHeight());
        assertEquals(0xFFFFFF, img.getRGB(130, 5) & 0xFFFFFF, "white gap between panels");
    }

    @Test
    void compareNeedsTwoDifferentBackends() {
        CommandLineRunner.Result r = CommandLineRunner.run("compare", "--backends", "nd4j");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--backends takes two different backends"), r.err());
    }
}
