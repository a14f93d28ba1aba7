package dev.wuerstchen.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.io.CacheDirs;
import dev.wuerstchen.engine.demo.DemoModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoAndInfoTest {

    @TempDir
    Path tmp;

    private String previousCache;

    @BeforeEach
    void useTemporaryCache() {
        previousCache = System.getProperty("wuerstchen.cache");
        System.setProperty("wuerstchen.cache", tmp.resolve("cache").toString());
    }

    @AfterEach
    void restoreCache() {
        if (previousCache == null) {
            System.clearProperty("wuerstchen.cache");
        } else {
            System.setProperty("wuerstchen.cache", previousCache);
        }
    }

    @Test
    void withoutAModelFolderTheDemoModelIsWrittenOnceAndSaysItIsUntrained() throws IOException {
        Path out = tmp.resolve("demo.png");
        CommandLineRunner.Result first = CommandLineRunner.run("generate", "--prompt", "a cat", "--seed", "1", "--width", "256",
                "--height", "256", "--out", out.toString());
        assertEquals(ExitCode.OK, first.exitCode(), first.toString());
        assertTrue(first.err().contains("weights are untrained, so it draws abstract patterns"), first.err());
        assertTrue(first.err().contains("writing the demo model to"), first.err());
        assertEquals(256, ImageIO.read(out.toFile()).getWidth());
        byte[] firstBytes = Files.readAllBytes(out);

        CommandLineRunner.Result second = CommandLineRunner.run("generate", "--prompt", "a cat", "--seed", "1", "--width",
                "256", "--height", "256", "--out", out.toString());
        assertEquals(ExitCode.OK, second.exitCode(), second.toString());
        assertFalse(second.err().contains("writing the demo model"), "the cached model is reused:\n" + second.err());
        assertArrayEquals(firstBytes, Files.readAllBytes(out), "same seed, same image");
        assertEquals(DemoModel.VERSION + " (untrained demo)", GenerateCommandTest.pngText(out).get("model"));
        assertEquals(Optional.of(CacheDirs.Part.DEMO),
                CacheDirs.Part.of(tmp.resolve("cache").resolve(DemoModel.VERSION)),
                "what `wuerstchen cache --clear` may delete");
    }

    @Test
    void theDemoWeightsAreDeterministic() throws IOException {
        var a = DemoModel.ensure(tmp.resolve("a"), s -> { });
        var b = DemoModel.ensure(tmp.resolve("b"), s -> { });
        for (String f : new String[] {"prior/diffusion_pytorch_model.safetensors", "text_encoder/model.safetensors"}) {
            assertArrayEquals(Files.readAllBytes(a.priorDir().resolve(f)), Files.readAllBytes(b.priorDir().resolve(f)), f);
        }
        for (String f : new String[] {"decoder/diffusion_pytorch_model.safetensors", "vqgan/diffusion_pytorch_model.safetensors",
            "tokenizer/vocab.json", "tokenizer/merges.txt"}) {
            assertArrayEquals(Files.readAllBytes(a.decoderDir().resolve(f)), Files.readAllBytes(b.decoderDir().resolve(f)), f);
        }
    }

    @Test
    void infoListsTheBackends() {
        CommandLineRunner.Result r = CommandLineRunner.run("info");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("nd4j         available"), r.out());
        assertTrue(r.out().contains("devices: CPU"), r.out());
    }
}
