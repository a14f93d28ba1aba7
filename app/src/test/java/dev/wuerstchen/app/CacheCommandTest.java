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
        file("onnx/prior-0123456789abcdef/prior.weights", 3 * 1024 * 1024);
        file("onnx/prior-0123456789abcdef/prior-x_2x16x24x24.onnx", 2048);
        file("onnx/.lock", 0);
        file("openvino/5f3a9c.blob", 1024);
        file(DemoModel.VERSION + "/wuerstchen-prior/prior/diffusion_pytorch_model.safetensors", 512);
        file(DemoModel.VERSION + "/COMPLETE", 8);
        Path mine = file("my-notes/keep.txt", 100);
        String root = tmp.resolve("cache").toString();

        CommandLineRunner.Result list = CommandLineRunner.run("cache", "--cache-dir", root);
        assertEquals(ExitCode.OK, list.exitCode(), list.toString());
        assertTrue(list.out().matches("(?s).*onnx\\s+3\\.0 MiB\\s+exported ONNX graphs.*"), list.out());
        assertTrue(list.out().matches("(?s).*prior-0123456789abcdef\\s+3\\.0 MiB.*"), list.out());
        assertTrue(list.out().matches("(?s).*openvino\\s+1\\.0 KiB\\s+OpenVINO's compiled-model cache.*"), list.out());
        assertTrue(list.out().matches("(?s).*" + DemoModel.VERSION + "\\s+520 B\\s+the embedded demo model.*"), list.out());
        assertTrue(list.out().matches("(?s).*my-notes\\s+100 B\\s+not \\(only\\) what wuerstchen writes; left alone.*"),
                list.out());
        assertTrue(Files.exists(tmp.resolve("cache/onnx/prior-0123456789abcdef/prior.weights")), "listing deletes nothing");

        CommandLineRunner.Result clear = CommandLineRunner.run("cache", "--cache-dir", root, "--clear");
        assertEquals(ExitCode.OK, clear.exitCode(), clear.toString());
        assertFalse(Files.exists(tmp.resolve("cache/onnx")), clear.toString());
        assertFalse(Files.exists(tmp.resolve("cache/openvino")), clear.toString());
        assertFalse(Files.exists(tmp.resolve("cache").resolve(DemoModel.VERSION)), clear.toString());
        assertTrue(Files.exists(mine), "a folder the project did not write stays");
        assertTrue(clear.out().contains("cleared: 3.0 MiB freed"), clear.out());
    }

    @Test
    void foldersThatOnlyLookLikeTheCachesPartsAreLeftAlone() throws IOException {
        Path video = file("demo-video/my.mp4", 10);
        Path install = file("openvino/runtime/lib/libopenvino.so", 10);
        file("onnx/prior-0123456789abcdef/prior.weights", 10);
        Path notes = file("onnx/notes.txt", 10);
        Path demoLookalike = file("demo-v7/holiday.jpg", 10);

        CommandLineRunner.Result clear = CommandLineRunner.run("cache", "--cache-dir", tmp.resolve("cache").toString(),
                "--clear");
        assertEquals(ExitCode.OK, clear.exitCode(), clear.toString());
        for (Path kept : new Path[] {video, install, notes, demoLookalike}) {
            assertTrue(Files.exists(kept), kept + " must survive:\n" + clear.out());
        }
        assertTrue(clear.out().contains("cleared: 0 B freed"), clear.out());
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
    void theDemoModelsFolderAndItsUnfinishedCopiesAreRecognised() throws IOException {
        Path done = file(DemoModel.VERSION + "/COMPLETE", 8).getParent();
        Path unfinished = file("." + DemoModel.VERSION + ".123.part/wuerstchen/model_index.json", 8).getParent().getParent();
        Path renamed = file("onnx-old/prior-0123456789abcdef/prior.weights", 8).getParent().getParent();
        assertEquals(Optional.of(CacheDirs.Part.DEMO), CacheDirs.Part.of(done));
        assertEquals(Optional.of(CacheDirs.Part.DEMO), CacheDirs.Part.of(unfinished));
        assertEquals(Optional.empty(), CacheDirs.Part.of(renamed));
    }
}
