package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.backend.openvino.capi.OvPropertyKeys;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Properties passed to a compile call as its variadic {@code char*} key/value pairs, in insertion
 * order. Values are strings, as the C API requires; booleans are written {@code YES}/{@code NO}.
 */
public record CompileProperties(Map<String, String> values) {

    public CompileProperties {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k == null || k.isBlank() || v == null) {
                throw new IllegalArgumentException("property " + k + "=" + v + ": keys and values must be non-null");
            }
            copy.put(k, v);
        });
        values = Collections.unmodifiableMap(copy);
    }

    public static CompileProperties none() {
        return new CompileProperties(Map.of());
    }

    /** A copy with {@code key} set (replacing an earlier value, keeping its position). */
    public CompileProperties with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(key, value);
        return new CompileProperties(m);
    }

    /** {@code LATENCY}, {@code THROUGHPUT} or {@code CUMULATIVE_THROUGHPUT}. */
    public CompileProperties withPerformanceHint(String hint) {
        return with(OvPropertyKeys.PERFORMANCE_HINT, hint);
    }

    /** {@code f32} for parity with the reference; {@code f16}/{@code bf16} for speed. */
    public CompileProperties withInferencePrecision(ElementType type) {
        return with(OvPropertyKeys.INFERENCE_PRECISION_HINT, type.ovName());
    }

    public CompileProperties withNumStreams(int streams) {
        return with(OvPropertyKeys.NUM_STREAMS, Integer.toString(streams));
    }

    public CompileProperties withInferenceThreads(int threads) {
        return with(OvPropertyKeys.INFERENCE_NUM_THREADS, Integer.toString(threads));
    }

    /** Enables OpenVINO's compiled-model cache in this folder. */
    public CompileProperties withCacheDir(Path dir) {
        return with(OvPropertyKeys.CACHE_DIR, dir.toAbsolutePath().toString());
    }

    public int size() {
        return values.size();
    }
}
