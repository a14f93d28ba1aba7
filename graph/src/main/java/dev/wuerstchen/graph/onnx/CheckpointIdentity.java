package dev.wuerstchen.graph.onnx;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.nn.ParameterManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeSet;

/**
 * A short key naming "these weights of this checkpoint": SHA-256 over the weights layout version and
 * precision (float32), the manifest (names and shapes) and, for every file the manifest's tensors are stored in, its canonical
 * path, size and modification time. Replacing or touching a checkpoint file gives a new key, so a
 * stale export is never reused; reading the key touches no tensor data.
 */
final class CheckpointIdentity {

    private CheckpointIdentity() {
    }

    static String key(Checkpoint ckpt, ParameterManifest manifest) {
        MessageDigest sha = sha256();
        // The precision is part of the key: these files hold float32 (an F16 export would get other keys).
        update(sha, "wuerstchen weights layout " + WeightsIndex.FORMAT + ", float32, alignment " + WeightsIndex.ALIGNMENT);
        TreeSet<String> files = new TreeSet<>();
        for (Map.Entry<String, dev.wuerstchen.api.tensor.Shape> p : manifest.parameters().entrySet()) {
            update(sha, p.getKey() + " " + p.getValue());
            files.add(canonical(ckpt.info(p.getKey()).file()));
        }
        for (String f : files) {
            Path p = Path.of(f);
            try {
                update(sha, f + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
            } catch (IOException e) {
                update(sha, f + " (unreadable)"); // the copy itself will then report the problem
            }
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }

    private static String canonical(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize().toString();
        }
    }

    private static void update(MessageDigest sha, String line) {
        sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no SHA-256", e);
        }
    }
}
