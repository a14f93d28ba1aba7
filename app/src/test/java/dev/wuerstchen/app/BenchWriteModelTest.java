package dev.wuerstchen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --write-model}: a folder that {@code generate --model-dir} runs, never written over existing files. */
class BenchWriteModelTest {

    @TempDir
    Path tmp;

    @Test
    void theWrittenFolderGeneratesAndIsNotOverwritten() throws IOException {
        Path dir = tmp.resolve("synthetic");
        CommandLineRunner.Result written = CommandLineRunner.run("bench", "--write-model", dir.toString(), "--quick");
        assertEquals(ExitCode.OK, written.exitCode(), written.toString());
        assertTrue(written.out().contains("wrote " + dir), written.toString());
        assertTrue(written.err().contains("(100 %)"), "progress on stderr:\n" + written.err());

        Path png = tmp.resolve("out.png");
        CommandLineRunner.Result generated = CommandLineRunner.run("generate", "--model-dir", dir.toString(), "--prompt",
                "a cat", "--seed", "3", "--width", "128", "--height", "128", "--prior-steps", "2", "--decoder-steps", "2",
                "--quiet", "--out", png.toString());
        assertEquals(ExitCode.OK, generated.exitCode(), generated.toString());
        assertEquals(128, ImageIO.read(png.toFile()).getWidth());

        CommandLineRunner.Result again = CommandLineRunner.run("bench", "--write-model", dir.toString(), "--quick");
        assertEquals(ExitCode.USAGE, again.exitCode(), again.toString());
        assertTrue(again.err().contains(dir + ": exists and is not an empty folder"), again.err());
    }

    @Test
    void anUnknownWeightTypeIsAUsageError() {
        CommandLineRunner.Result r = CommandLineRunner.run("bench", "--write-model", tmp.resolve("m").toString(), "--dtype",
                "int8");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("weight type 'int8' is unknown"), r.err());
    }

    @Test
    void optionsThatWouldBeIgnoredAreUsageErrors() {
        CommandLineRunner.Result both = CommandLineRunner.run("bench", "--write-model", tmp.resolve("m").toString(),
                "--backends", "nd4j", "--iterations", "2");
        assertEquals(ExitCode.USAGE, both.exitCode(), both.toString());
        assertTrue(both.err().contains("--write-model writes a model folder and runs no benchmark, so [--backends, "
                + "--iterations] would be ignored"), both.err());

        CommandLineRunner.Result dtypeAlone = CommandLineRunner.run("bench", "--dtype", "bfloat16", "--quick");
        assertEquals(ExitCode.USAGE, dtypeAlone.exitCode(), dtypeAlone.toString());
        assertTrue(dtypeAlone.err().contains("--dtype chooses the weights' type of --write-model"), dtypeAlone.err());
        assertTrue(!java.nio.file.Files.exists(tmp.resolve("m")), "nothing was written");
    }
}
