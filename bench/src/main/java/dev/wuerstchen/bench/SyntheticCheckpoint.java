package dev.wuerstchen.bench;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.TensorInfo;
import dev.wuerstchen.api.error.CheckpointException;
import dev.wuerstchen.api.nn.ParameterManifest;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * A checkpoint of deterministic random float32 weights for every entry of a
 * {@link ParameterManifest}, generated when read: nothing is stored, so the 4 GB of a published
 * network never sit in memory twice (once here, once in the backend).
 *
 * <p>Values depend only on the seed, the tensor's name and its element index: each block of
 * {@value #BLOCK} elements draws from its own {@link SplittableRandom} seeded from (seed, name,
 * block), so blocks are filled in parallel and the result is the same on any number of threads.
 * Scales follow {@link WeightScale} so activations stay finite through 32 blocks.
 *
 * <p>{@link #info} has to name a file and an offset: the file is the placeholder {@link #source()}
 * ({@code synthetic/<network>-seed<seed>}, which does not exist) and the offsets are those the
 * tensors would have if written back to back in manifest order, float32.
 */
public final class SyntheticCheckpoint implements Checkpoint {

    static final int BLOCK = 1 << 16;

    private final ParameterManifest manifest;
    private final long seed;
    private final Path source;
    private final Map<String, TensorInfo> infos;
    private final Set<String> names;
    private boolean closed;

    public SyntheticCheckpoint(ParameterManifest manifest, long seed) {
        this.manifest = manifest;
        this.seed = seed;
        this.source = Path.of("synthetic", manifest.network() + "-seed" + seed);
        Map<String, TensorInfo> m = new LinkedHashMap<>();
        long offset = 0;
        for (Map.Entry<String, Shape> e : manifest.parameters().entrySet()) {
            long bytes = e.getValue().elementCount() * Float.BYTES;
            m.put(e.getKey(), new TensorInfo(e.getKey(), DType.F32, e.getValue(), source, offset, bytes));
            offset += bytes;
        }
        this.infos = Collections.unmodifiableMap(m);
        this.names = Collections.unmodifiableSet(new TreeSet<>(m.keySet()));
    }

    public ParameterManifest manifest() {
        return manifest;
    }

    public long seed() {
        return seed;
    }

    @Override
    public Path source() {
        return source;
    }

    @Override
    public Set<String> names() {
        return names;
    }

    @Override
    public TensorInfo info(String name) {
        TensorInfo info = infos.get(name);
        if (info == null) {
            throw new CheckpointException(source, "no tensor '" + name + "' in the synthetic weights of '"
                    + manifest.network() + "'. Only names of its manifest exist");
        }
        return info;
    }

    /** Total bytes the weights occupy once read (float32). */
    public long byteSize() {
        return manifest.elementCount() * Float.BYTES;
    }

    @Override
    public HostTensor read(String name) {
        if (closed) {
            throw new IllegalStateException("synthetic checkpoint " + source + " is closed. Create a new one to read '"
                    + name + "'");
        }
        TensorInfo info = info(name);
        Shape shape = info.shape();
        float[] values = new float[shape.size()];
        WeightScale.Rule rule = WeightScale.of(name, shape);
        long nameSeed = mix(seed ^ hash64(name));
        int blocks = (values.length + BLOCK - 1) / BLOCK;
        IntStream range = IntStream.range(0, blocks);
        (blocks > 4 ? range.parallel() : range).forEach(b -> fill(values, b, nameSeed, rule));
        return HostTensor.of(shape, values);
    }

    private static void fill(float[] values, int block, long nameSeed, WeightScale.Rule rule) {
        SplittableRandom random = new SplittableRandom(mix(nameSeed + block * 0x9E3779B97F4A7C15L));
        int from = block * BLOCK;
        int to = Math.min(values.length, from + BLOCK);
        for (int i = from; i < to; i++) {
            values[i] = rule.sample(random);
        }
    }

    /** FNV-1a over the UTF-8 bytes: 64 bits and fixed by definition (String.hashCode has 32). */
    static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: spreads nearby seeds over the whole range. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public void close() {
        closed = true;
    }
}
