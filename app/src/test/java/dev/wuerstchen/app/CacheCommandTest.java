package dev.wuerstchen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.io.CacheDirs;
import dev.wuerstchen.engine.demo.DemoModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheCommandTest {

    @TempDir
    Path tmp;

    private Path file(String relative, int bytes) throws IOException {
        Path f = tmp.resolve("cache").resolve(relative);
        Files.createDirectories(f.getParent());
        Files.write(f, new byte[bytes]);
        return f;
    }

    @Test
    void listsEachPartWithItsSizeAndClearDeletesOnlyWhatWuerstchenWrote() throws IOException {
        file("onnx/prior-0123/prior.weights", 3 * 1024 * 1024);
        file("onnx/prior-0123/prior-x_2x16x24x24.onnx", 2048);
        file("openvino/compiled.blob", 1024);
        file(DemoModel.VERSION + "/prior/diffusion_pytorch_model.safetensors", 512);
        Path mine = file("my-notes/keep.txt", 100);
        String root = tmp.resolve("cache").toString();

        CommandLineRunner.Result list = CommandLineRunner.run("cache", "--cache-dir", root);
        assertEquals(ExitCode.OK, list.exitCode(), list.toString());
        assertTrue(list.out().matches("(?s).*onnx\\s+3\\.0 MiB\\s+exported ONNX graphs.*"), list.out());
        assertTrue(list.out().matches("(?s).*prior-0123\\s+3\\.0 MiB.*"), list.out());
        assertTrue(list.out().matches("(?s).*openvino\\s+1\\.0 KiB.*"), list.out());
        assertTrue(list.out().matches("(?s).*my-notes\\s+100 B\\s+not written by wuerstchen; left alone.*"), list.out());
        assertTrue(Files.exists(tmp.resolve("cache/onnx/prior-0123/prior.weights")), "listing deletes nothing");

        CommandLineRunner.Result clear = CommandLineRunner.run("cache", "--cache-dir", root, "--clear");
        assertEquals(ExitCode.OK, clear.exitCode(), clear.toString());
        assertFalse(Files.exists(tmp.resolve("cache/onnx")), clear.toString());
        assertFalse(Files.exists(tmp.resolve("cache/openvino")), clear.toString());
        assertFalse(Files.exists(tmp.resolve("cache").resolve(DemoModel.VERSION)), clear.toString());
        assertTrue(Files.exists(mine), "a folder the project did not write stays");
        assertTrue(clear.out().contains("cleared: 3.0 MiB freed"), clear.out());
    }

    @Test
    void aMissingCacheIsEmptyAndAFileIsAUsageError() throws IOException {
        CommandLineRunner.Result none = CommandLineRunner.run("cache", "--cache-dir", tmp.resolve("none").toString());
        assertEquals(ExitCode.OK, none.exitCode(), none.toString());
        assertTrue(none.out().contains("empty (nothing has been cached yet)"), none.out());

        Path f = file("x", 1);
        CommandLineRunner.Result bad = CommandLineRunner.run("cache", "--cache-dir", f.toString(), "--clear");
        assertEquals(ExitCode.USAGE, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("--cache-dir " + f + " is a file, not a folder"), bad.err());
        assertTrue(Files.exists(f));
    }

    @Test
    void theDemoModelsFolderAndItsUnfinishedCopiesAreRecognised() {
        assertEquals(Optional.of(CacheDirs.Part.DEMO), CacheDirs.Part.of(DemoModel.VERSION));
        assertEquals(Optional.of(CacheDirs.Part.DEMO), CacheDirs.Part.of("." + DemoModel.VERSION + ".123.part"));
        assertEquals(Optional.empty(), CacheDirs.Part.of("onnx-old"));
    }
}
