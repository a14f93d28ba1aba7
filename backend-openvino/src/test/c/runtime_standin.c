/*
 * Stand-in for libopenvino.so (NOT OpenVINO). It depends on the TBB stand-in, and the C API stand-in
 * depends on it, so loading libopenvino_c by absolute path only works when the binding pre-loads
 * the dependencies in order (TBB, then libopenvino), as spec §A.1.3 prescribes.
 */
extern int tbb_standin_marker(void);

int standin_runtime_marker(void) {
    return tbb_standin_marker() + 1;
}
