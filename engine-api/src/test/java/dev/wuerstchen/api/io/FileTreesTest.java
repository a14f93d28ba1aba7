package dev.wuerstchen.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path tmp;

    private Path file(String relative, int bytes) throws IOException {
        Path f = tmp.resolve(relative);
        Files.createDirectories(f.getParent());
        return Files.write(f, new byte[bytes]);
    }

    @Test
    void sizeAndDeleteCountEveryFileOnce() throws IOException {
        file("tree/a.bin", 100);
        file("tree/sub/b.bin", 28);
        file("tree/sub/deeper/c.bin", 0);
        assertEquals(128, FileTrees.size(tmp.resolve("tree")));
        assertEquals(128, FileTrees.delete(tmp.resolve("tree")));
        assertFalse(Files.exists(tmp.resolve("tree")));
        assertEquals(0, FileTrees.delete(tmp.resolve("tree")), "nothing left");
        assertEquals(0, FileTrees.size(tmp.resolve("tree")));
    }

    @Test
    void deletingRemovesLinksButNotWhatTheyPointTo() throws IOException {
        Path outside = file("outside/keep.bin", 10);
        Files.createDirectories(tmp.resolve("tree"));
        Files.createSymbolicLink(tmp.resolve("tree/link"), outside.getParent());
        FileTrees.delete(tmp.resolve("tree"));
        assertFalse(Files.exists(tmp.resolve("tree")));
        assertTrue(Files.exists(outside));
    }

    @Test
    void partFoldersOfProcessesThatEndedAreDeletedOthersKept() throws IOException, InterruptedException {
        Path target = tmp.resolve("model");
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path abandoned = file(".model." + ended.pid() + ".part/prior.safetensors", 64).getParent();
        Path mine = FileTrees.partFolder(target);
        file(tmp.relativize(mine).resolve("x").toString(), 8);
        Path otherTarget = file(".model-b." + ended.pid() + ".part/x", 8).getParent();

        assertEquals(64, FileTrees.deleteAbandonedParts(target));
        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(mine), "this process's own part folder is its own business");
        assertTrue(Files.exists(otherTarget), "another target's part folder");
    }
}
