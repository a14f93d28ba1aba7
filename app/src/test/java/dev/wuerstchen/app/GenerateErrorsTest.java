package dev.wuerstchen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every user mistake: one message with the fix, and its exit code. Nothing is written on failure. */
class GenerateErrorsTest {

    @TempDir
    Path tmp;

    private CommandLineRunner.Result generate(String... extra) {
        List<String> args = new ArrayList<>(List.of("generate", "--prompt", "a cat", "--out", tmp.resolve("o.png").toString()));
        args.addAll(List.of(extra));
        return CommandLineRunner.run(args.toArray(String[]::new));
    }

    private void assertFails(CommandLineRunner.Result r, int code, String message) throws IOException {
        assertEquals(code, r.exitCode(), r.toString());
        assertTrue(r.err().contains(message), "stderr lacks '" + message + "':\n" + r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace for user mistakes:\n" + r.err());
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.filter(p -> p.toString().endsWith(".png") || p.toString().endsWith(".part")).count(),
                    "nothing written");
        }
    }

    @Test
    void unknownFlag() throws IOException {
        assertFails(generate("--colour", "red"), ExitCode.USAGE, "Unknown options: '--colour', 'red'");
    }

    @Test
    void conflictingScheduleFlags() throws IOException {
        assertFails(generate("--prior-steps", "3", "--prior-timesteps", "1,0.5,0"), ExitCode.USAGE,
                "--prior-steps and --prior-timesteps both choose the prior schedule; give one of them");
    }

    @Test
    void conflictingModelFlags() throws IOException {
        assertFails(generate("--model-dir", "a", "--prior-dir", "b", "--decoder-dir", "c"), ExitCode.USAGE,
                "--model-dir and --prior-dir/--decoder-dir both choose the models");
        assertFails(generate("--prior-dir", "b"), ExitCode.USAGE, "--prior-dir needs --decoder-dir");
    }

    @Test
    void nonPositiveSteps() throws IOException {
        assertFails(generate("--decoder-steps", "0"), ExitCode.USAGE, "--decoder-steps must be at least 1, got 0");
        assertFails(generate("--prior-steps", "-2"), ExitCode.USAGE, "--prior-steps must be at least 1, got -2");
    }

    @Test
    void badTimestepList() throws IOException {
        assertFails(generate("--prior-timesteps", "1,0.5,0.7,0"), ExitCode.USAGE, "--prior-timesteps must decrease strictly");
        assertFails(generate("--prior-timesteps", "1,x"), ExitCode.USAGE, "--prior-timesteps");
    }

    @Test
    void negativeGuidance() throws IOException {
        assertFails(generate("--prior-guidance", "-1"), ExitCode.USAGE, "--prior-guidance must be 0 or more");
        assertFails(generate("--decoder-guidance", "-0.5"), ExitCode.USAGE, "--decoder-guidance must be 0 or more");
    }

    @Test
    void unknownSchedulerAndBackend() throws IOException {
        assertFails(generate("--model-dir", TestData.tiny().toString(), "--width", "128", "--height", "128", "--scheduler",
                "euler"), ExitCode.USAGE, "euler");
        assertFails(generate("--model-dir", TestData.tiny().toString(), "--backend", "tpu"), ExitCode.USAGE,
                "unknown backend 'tpu'; available:");
    }

    @Test
    void missingModelFolder() throws IOException {
        assertFails(generate("--model-dir", tmp.resolve("models").toString()), ExitCode.BAD_INPUT,
                "models: is not a folder. Pass a folder holding the prior and decoder folders");
    }

    @Test
    void incompleteModelFolderNamesTheMissingFile() throws IOException {
        Path models = tmp.resolve("models");
        TestData.copyTree(TestData.tiny().resolve("wuerstchen-prior"), models.resolve("wuerstchen-prior"));
        TestData.copyTree(TestData.tiny().resolve("wuerstchen"), models.resolve("wuerstchen"));
        Files.delete(models.resolve("wuerstchen/vqgan/diffusion_pytorch_model.safetensors"));
        assertFails(generate("--model-dir", models.toString()), ExitCode.BAD_INPUT,
                "vqgan: holds no .safetensors weights. The download is incomplete; download this component again");
        Files.delete(models.resolve("wuerstchen-prior/prior/config.json"));
        assertFails(generate("--model-dir", models.toString()), ExitCode.BAD_INPUT,
                "prior/config.json: file is missing");
    }

    @Test
    void unsupportedSizeNamesTheNearestSizes() throws IOException {
        assertFails(generate("--model-dir", TestData.tiny().toString(), "--width", "200", "--height", "128"),
                ExitCode.BAD_INPUT, "width 200 does not fit the decoder: its latent side would be 53, which is not divisible"
                        + " by 16. The nearest sizes that work are 128 and 256");
    }

    @Test
    void unwritableOutput() throws IOException {
        Path blocker = tmp.resolve("file");
        Files.writeString(blocker, "x");
        CommandLineRunner.Result r = CommandLineRunner.run("generate", "--prompt", "a cat", "--out",
                blocker.resolve("o.png").toString());
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("o.png: cannot be written"), r.err());
        assertTrue(r.err().contains("Choose a folder you can write to"), r.err());
        assertFails(CommandLineRunner.run("generate", "--prompt", "a cat", "--out", tmp.resolve("picture.jpg").toString()),
                ExitCode.USAGE, "--out must name a .png file");
    }

    @Test
    void longPromptIsTruncatedWithAWarningNamingWhere() throws IOException {
        String longPrompt = "a cat " + "and a dog ".repeat(30) + "in the style of a photo";
        CommandLineRunner.Result r = CommandLineRunner.run("generate", "--model-dir", TestData.tiny().toString(), "--prompt",
                longPrompt, "--width", "128", "--height", "128", "--prior-steps", "2", "--decoder-steps", "1", "--seed", "3",
                "--out", tmp.resolve("long.png").toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.err().contains("warning: the prompt \"a cat and a dog"), r.err());
        assertTrue(r.err().contains("CLIP reads 77; it ignores the rest, starting at: \""), r.err());
        String warning = r.err().lines().filter(l -> l.startsWith("warning:")).findFirst().orElseThrow();
        assertTrue(warning.matches(".*starting at: \"(and )?a dog and a dog.*\\.\\.\\.\""), "the dropped tail, abbreviated: " + warning);
        assertTrue(warning.length() < 300, "one readable line: " + warning);
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("warning:")).count(), "one warning per prompt:\n" + r.err());
    }

    @Test
    void outputThatIsNotAFileName() throws IOException {
        assertFails(CommandLineRunner.run("generate", "--prompt", "a cat", "--out", "/"), ExitCode.USAGE,
                "--out must name a .png file, got /");
    }

    @Test
    void badConfigValueNamesFileAndKey() throws IOException {
        Path models = tmp.resolve("models");
        TestData.copyTree(TestData.tiny().resolve("wuerstchen-prior"), models.resolve("wuerstchen-prior"));
        TestData.copyTree(TestData.tiny().resolve("wuerstchen"), models.resolve("wuerstchen"));
        Path index = models.resolve("wuerstchen-prior/model_index.json");
        Files.writeString(index, Files.readString(index).replace("42.67", "0"));
        assertFails(generate("--model-dir", models.toString()), ExitCode.BAD_INPUT,
                "model_index.json#/resolution_multiple: must be positive, got 0.0");
        Path text = models.resolve("wuerstchen-prior/text_encoder/config.json");
        Files.writeString(index, Files.readString(index).replace("\"resolution_multiple\": 0", "\"resolution_multiple\": 42.67"));
        Files.writeString(text, Files.readString(text).replace("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 0"));
        assertFails(generate("--model-dir", models.toString()), ExitCode.BAD_INPUT,
                "text_encoder/config.json#/num_hidden_layers: must be a positive integer, got 0");
    }

    @Test
    void aSizeTheModelRoundsIsMadeWithAWarning() throws IOException {
        Path out = tmp.resolve("round.png");
        CommandLineRunner.Result r = CommandLineRunner.run("generate", "--model-dir", TestData.tiny().toString(), "--prompt",
                "a cat", "--width", "120", "--height", "128", "--prior-steps", "2", "--decoder-steps", "1", "--seed", "1",
                "--out", out.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.err().contains("warning: 120x128 is not a size the model makes exactly; the image is 128x128"), r.err());
        assertEquals("128x128 (requested 120x128)", GenerateCommandTest.pngText(out).get("size"));
    }
}
