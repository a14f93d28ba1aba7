/*
 * Stand-in for oneTBB's libtbb.so.12 (NOT TBB). Built with SONAME libtbb_standin.so.12 so that it
 * can never satisfy a real OpenVINO's dependency on libtbb.so.12 in the same process.
 */
int tbb_standin_marker(void) {
    return 41;
}
