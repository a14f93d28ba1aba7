package dev.wuerstchen.backend.openvino.capi;

/** {@code ov_status_e} (spec §A.3.1; identical in 2022–2026 headers). */
public final class OvStatus {

    private OvStatus() {
    }

    public static final int OK = 0;
    public static final int GENERAL_ERROR = -1;
    public static final int NOT_IMPLEMENTED = -2;
    public static final int NETWORK_NOT_LOADED = -3;
    public static final int PARAMETER_MISMATCH = -4;
    public static final int NOT_FOUND = -5;
    public static final int OUT_OF_BOUNDS = -6;
    public static final int UNEXPECTED = -7;
    public static final int REQUEST_BUSY = -8;
    public static final int RESULT_NOT_READY = -9;
    public static final int NOT_ALLOCATED = -10;
    public static final int INFER_NOT_STARTED = -11;
    public static final int NETWORK_NOT_READ = -12;
    public static final int INFER_CANCELLED = -13;
    public static final int INVALID_C_PARAM = -14;
    public static final int UNKNOWN_C_ERROR = -15;
    public static final int NOT_IMPLEMENT_C_METHOD = -16;
    /** Spelled as in the header. */
    public static final int UNKNOW_EXCEPTION = -17;

    private static final String[] NAMES = {"OK", "GENERAL_ERROR", "NOT_IMPLEMENTED", "NETWORK_NOT_LOADED",
        "PARAMETER_MISMATCH", "NOT_FOUND", "OUT_OF_BOUNDS", "UNEXPECTED", "REQUEST_BUSY", "RESULT_NOT_READY",
        "NOT_ALLOCATED", "INFER_NOT_STARTED", "NETWORK_NOT_READ", "INFER_CANCELLED", "INVALID_C_PARAM",
        "UNKNOWN_C_ERROR", "NOT_IMPLEMENT_C_METHOD", "UNKNOW_EXCEPTION"};

    /** The enumerator's name, or {@code "status <n>"} for a value the header does not define. */
    public static String name(int status) {
        return status <= 0 && -status < NAMES.length ? NAMES[-status] : "status " + status;
    }
}
