package dev.wuerstchen.bench;

import dev.wuerstchen.api.backend.Backend;
import dev.wuerstchen.api.backend.BackendOptions;
import dev.wuerstchen.api.backend.Network;
import dev.wuerstchen.api.backend.NetworkOutputs;
import dev.wuerstchen.api.backend.Precision;
import dev.wuerstchen.api.io.FileTrees;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.engine.BackendRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A workload bound to one backend with synthetic weights, ready to run: what a benchmark's setup
 * makes and its teardown closes. Prints progress while the weights load (a published network takes
 * seconds to generate and copy 4 GB). Backends cache their exports in the folder given, or in a
 * temporary folder this workload deletes when closed (see {@link BenchCache}).
 */
final class LoadedWorkload implements AutoCloseable {

    /** Seed of the synthetic weights and inputs: every run measures the same numbers. */
    static final long SEED = 20240601L;

    private final Workload workload;
    private final Backend backend;
    private final SyntheticCheckpoint checkpoint;
    private final Network network;
    private final Map<String, HostTensor> inputs;
    private final Path temporaryCache;

    private LoadedWorkload(Workload workload, Backend backend, SyntheticCheckpoint checkpoint, Network network,
            Map<String, HostTensor> inputs, Path temporaryCache) {
        this.workload = workload;
        this.backend = backend;
        this.checkpoint = checkpoint;
        this.network = network;
        this.inputs = inputs;
        this.temporaryCache = temporaryCache;
    }

    /** @param cacheDir the backends' cache folder, or null for a temporary one deleted on {@link #close()} */
    static LoadedWorkload open(String backendId, int threads, Path cacheDir, Workload workload, PrintStream out) {
        Path temporary = cacheDir == null ? BenchCache.temporary() : null;
        Backend backend;
        try {
            backend = BackendRegistry.discover().open(backendId, BackendOptions.DEFAULTS.withThreads(threads)
                    .withCacheDir(cacheDir != null ? cacheDir : temporary));
        } catch (RuntimeException e) {
            deleteQuietly(temporary, e);
            throw e;
        }
        try {
            SyntheticCheckpoint checkpoint = new SyntheticCheckpoint(workload.definition().manifest(), SEED);
            out.printf(Locale.ROOT, "[%s/%s] loading %d tensors, %.2f GiB of synthetic float32 weights%n", backendId,
                    workload.network(), checkpoint.names().size(), checkpoint.byteSize() / (double) (1L << 30));
            long t0 = System.nanoTime();
            Network network = backend.load(workload.definition(), new ReadProgress(checkpoint, out, backendId + "/"
                    + workload.network()), Precision.F32);
            out.printf(Locale.ROOT, "[%s/%s] loaded in %.1f s; resident set now %.2f GiB%n", backendId, workload.network(),
                    (System.nanoTime() - t0) / 1e9, ProcessMemory.rssBytes() / (double) (1L << 30));
            return new LoadedWorkload(workload, backend, checkpoint, network, workload.inputs(SEED), temporary);
        } catch (RuntimeException e) {
            try {
                backend.close();
            } finally {
                deleteQuietly(temporary, e);
            }
            throw e;
        }
    }

    private static void deleteQuietly(Path temporary, RuntimeException failure) {
        if (temporary != null) {
            try {
                FileTrees.delete(temporary);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    NetworkOutputs run() {
        return network.run(inputs);
    }

    /** One line about an output: whether it is finite and its largest magnitude. */
    static String describe(NetworkOutputs outputs) {
        StringBuilder b = new StringBuilder();
        outputs.values().forEach((name, t) -> {
            float[] v = t.toFloatArray();
            long bad = 0;
            double max = 0;
            for (float f : v) {
                if (!Float.isFinite(f)) {
                    bad++;
                } else {
                    max = Math.max(max, Math.abs(f));
                }
            }
            b.append(String.format(Locale.ROOT, "%s%s: %s, max |value| %.3g", b.isEmpty() ? "" : "; ", name + t.shape(),
                    bad == 0 ? "all finite" : bad + " non-finite values", max));
        });
        return b.toString();
    }

    Workload workload() {
        return workload;
    }

    @Override
    public void close() {
        try {
            network.close();
            checkpoint.close();
        } finally {
            try {
                backend.close();
            } finally {
                if (temporaryCache != null) {
                    FileTrees.delete(temporaryCache);
                }
            }
        }
    }
}
