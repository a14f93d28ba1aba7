package dev.wuerstchen.graph.onnx;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.SafetensorsFile;
import dev.wuerstchen.api.checkpoint.ShardedCheckpoint;
import dev.wuerstchen.api.checkpoint.TensorInfo;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.tensor.Shape;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A short key naming "these weights of this checkpoint": SHA-256 over
 * <ul>
 *   <li>{@link #VERSION} (how weights are converted and laid out; raised whenever that changes), the
 *       weights layout version and the precision (float32);</li>
 *   <li>the manifest (names and shapes) and every tensor the checkpoint holds (name, stored type,
 *       shape), so checkpoints with other contents never share a key;</li>
 *   <li>for every file the manifest's tensors are stored in: its canonical path, size, modification
 *       time and, where the file system reports them ({@code unix:ctime}, {@code unix:ino}), change
 *       time and inode, so replacing a file by one of equal size and time (a copy with preserved
 *       times, a rename over it) still gives a new key;</li>
 *   <li>for a checkpoint this class cannot identify by its files (not a {@link SafetensorsFile} or
 *       {@link ShardedCheckpoint}, such as generated or in-memory weights, or one whose files cannot
 *       be read): a marker unique to the checkpoint object in this process. Such exports are never
 *       reused by another checkpoint object or another process; they are reused only for the input
 *       shapes one checkpoint object is run with.</li>
 * </ul>
 * Reading the key touches no tensor data.
 */
final class CheckpointIdentity {

    /** The identity and float32 conversion rules above; a new value makes every earlier export stale. */
    static final int VERSION = 2;

    /** Distinguishes this process from every other that used the same cache. */
    private static final String PROCESS = UUID.randomUUID().toString();

    /** Checkpoint objects given a marker, weakly held so the map never keeps one alive. */
    private static final List<Marked> MARKED = new ArrayList<>();
    private static long nextMarker;

    private record Marked(WeakReference<Checkpoint> checkpoint, long marker) {
    }

    private CheckpointIdentity() {
    }

    static String key(Checkpoint ckpt, ParameterManifest manifest) {
        MessageDigest sha = sha256();
        // The precision is part of the key: these files hold float32 (an F16 export would get other keys).
        update(sha, "wuerstchen export identity " + VERSION + ", weights layout " + WeightsIndex.FORMAT
                + ", float32, alignment " + WeightsIndex.ALIGNMENT);
        TreeSet<String> files = new TreeSet<>();
        for (Map.Entry<String, Shape> p : manifest.parameters().entrySet()) {
            update(sha, "manifest " + p.getKey() + " " + p.getValue());
            files.add(canonical(ckpt.info(p.getKey()).file()));
        }
        for (String name : ckpt.names()) {
            TensorInfo info = ckpt.info(name);
            update(sha, "stored " + name + " " + info.dtype() + " " + info.shape());
        }
        boolean readable = true;
        for (String f : files) {
            String attributes = attributes(Path.of(f));
            readable &= attributes != null;
            update(sha, f + " " + (attributes == null ? "(unreadable)" : attributes));
        }
        if (!readable || !(ckpt instanceof SafetensorsFile || ckpt instanceof ShardedCheckpoint)) {
            update(sha, "instance " + PROCESS + " " + markerOf(ckpt));
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }

    /** Size, modification time, and change time and inode where the file system has them; null if unreadable. */
    private static String attributes(Path p) {
        try {
            StringBuilder b = new StringBuilder().append(Files.size(p)).append(' ')
                    .append(Files.getLastModifiedTime(p).toMillis());
            for (String unix : List.of("unix:ctime", "unix:ino")) {
                try {
                    b.append(' ').append(unix).append('=').append(Files.getAttribute(p, unix));
                } catch (UnsupportedOperationException | IllegalArgumentException e) {
                    // not a POSIX file system (or no unix view): size and times are all there is
                }
            }
            return b.toString();
        } catch (IOException e) {
            return null; // the copy itself will then report the problem
        }
    }

    private static long markerOf(Checkpoint ckpt) {
        synchronized (MARKED) {
            MARKED.removeIf(m -> m.checkpoint().get() == null);
            for (Marked m : MARKED) {
                if (m.checkpoint().get() == ckpt) {
                    return m.marker();
                }
            }
            long marker = nextMarker++;
            MARKED.add(new Marked(new WeakReference<>(ckpt), marker));
            return marker;
        }
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
