package dev.wuerstchen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wuerstchen.api.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParityCommandTest {

    @TempDir
    Path tmp;

    @Test
    void foundationPartsPassOnTheTinyReference() throws IOException {
        Path report = tmp.resolve("report.json");
        CommandLineRunner.Result r = CommandLineRunner.run("parity", "--reference", TestData.tiny().toString(), "--only",
                "tokenizer,noise,scheduler", "--report", report.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("made with PyTorch 2.11.0+cu130, diffusers 58eb52c0803e)"), r.out());
        assertTrue(!r.out().contains("note:"), "a PyTorch 2 reference needs no caveat:\n" + r.out());
        assertTrue(r.out().contains("PASS tokenizer  tokenizer.0.input_ids [vocab.json+merges.txt]"), r.out());
        assertTrue(r.out().contains("PASS noise      noise.0000"), r.out());
        assertTrue(r.out().contains("PASS scheduler  scheduler.step2.prev_sample"), r.out());
        assertTrue(r.out().contains("comparisons passed"), r.out());
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertTrue(json.path("passed").asBoolean());
        assertTrue(json.path("compared").asInt() > 60, json.toString());
        assertEquals("replay", json.path("noise").asText());
        assertEquals("none", json.path("backend").asText());
    }

    @Test
    void seededSchedulerStepsPassToo() {
        CommandLineRunner.Result r = CommandLineRunner.run("parity", "--reference", TestData.tiny().toString(), "--only",
                "scheduler", "--noise", "seed");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
    }

    @Test
    void aDifferingReferenceFailsWithExitCode4() throws IOException {
        Path copy = tmp.resolve("tiny");
        TestData.copyTree(TestData.tiny(), copy);
        // a tokenizer that maps "cat" differently makes the recorded ids disagree
        for (String dir : new String[] {"wuerstchen-prior/tokenizer", "wuerstchen/tokenizer"}) {
            Path json = copy.resolve(dir).resolve("tokenizer.json");
            Files.writeString(json, Files.readString(json).replace("[\n        \"ca\",\n        \"t</w>\"\n      ],", ""));
        }
        CommandLineRunner.Result r = CommandLineRunner.run("parity", "--reference", copy.toString(), "--only", "tokenizer");
        assertEquals(ExitCode.CHECK_FAILED, r.exitCode(), r.toString());
        assertTrue(r.out().contains("FAIL tokenizer  tokenizer.0.input_ids [prior tokenizer.json]"), r.out());
        assertTrue(r.out().contains("comparisons FAILED"), r.out());
    }

    @Test
    void aReferenceFromPyTorch1SaysWhatToExpect() throws IOException {
        Path copy = tmp.resolve("tiny-torch1");
        TestData.copyTree(TestData.tiny(), copy);
        Path index = copy.resolve("golden-index.json");
        Files.writeString(index, Files.readString(index).replace("\"torch\": \"2.11.0+cu130\"", "\"torch\": \"1.13.0a0\""));
        CommandLineRunner.Result r = CommandLineRunner.run("parity", "--reference", copy.toString(), "--only", "scheduler");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("made with PyTorch 1.13.0a0"), r.out());
        assertTrue(r.out().contains("note: this reference was made with PyTorch 1.13.0a0, whose float32 exp rounds a "
                + "ratio-embedding frequency differently"), r.out());
    }

    @Test
    void unknownPartIsAUsageError() {
        CommandLineRunner.Result r = CommandLineRunner.run("parity", "--reference", TestData.tiny().toString(), "--only",
                "tokenizer,bogus");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--only: unknown part 'bogus'; choose from tokenizer,noise,scheduler"), r.err());
    }

    @Test
    void missingReferenceIsBadInput() {
        CommandLineRunner.Result r = CommandLineRunner.run("parity", "--reference", tmp.resolve("nope").toString());
        assertEquals(ExitCode.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("is not a folder. Pass a golden reference folder"), r.err());
    }

    @Test
    void missingRequiredFlagIsAUsageError() {
        CommandLineRunner.Result r = CommandLineRunner.run("parity");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Missing required option: '--reference=DIR'"), r.err());
    }
}
