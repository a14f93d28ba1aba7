package dev.wuerstchen.backend.openvino.capi;

/**
 * Property key strings (the values of the {@code ov_property_key_*} variables of {@code ov_property.h};
 * passing the literals is equivalent, spec §A.5.3). Values are always passed as strings.
 */
public final class OvPropertyKeys {

    private OvPropertyKeys() {
    }

    public static final String PERFORMANCE_HINT = "PERFORMANCE_HINT";
    public static final String INFERENCE_PRECISION_HINT = "INFERENCE_PRECISION_HINT";
    public static final String NUM_STREAMS = "NUM_STREAMS";
    public static final String CACHE_DIR = "CACHE_DIR";
    public static final String INFERENCE_NUM_THREADS = "INFERENCE_NUM_THREADS";
    public static final String EXECUTION_MODE_HINT = "EXECUTION_MODE_HINT";
    public static final String ENABLE_PROFILING = "PERF_COUNT";
    public static final String FULL_DEVICE_NAME = "FULL_DEVICE_NAME";
    public static final String AVAILABLE_DEVICES = "AVAILABLE_DEVICES";
    public static final String OPTIMAL_NUMBER_OF_INFER_REQUESTS = "OPTIMAL_NUMBER_OF_INFER_REQUESTS";
}
