package dev.wuerstchen.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory figures of this JVM process. The resident set comes from Linux's
 * {@code /proc/self/status}; it counts everything (heap, native buffers of the backend, code), which
 * is what decides whether a run fits the machine.
 */
public final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    /** Peak resident set size since the process started (VmHWM), or -1 where /proc is absent. */
    public static long peakRssBytes() {
        return statusKiB("VmHWM:");
    }

    /** Current resident set size (VmRSS), or -1. */
    public static long rssBytes() {
        return statusKiB("VmRSS:");
    }

    /**
     * Sum of the peak usage of every heap pool: an upper bound of the peak heap in use (the pools'
     * peaks need not coincide).
     */
    public static long heapPeakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The heap limit ({@code -Xmx}). */
    public static long heapMaxBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    private static long statusKiB(String key) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(key)) {
                    String v = line.substring(key.length()).trim(); // "123456 kB"
                    return Long.parseLong(v.split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1; // not Linux, or an unexpected format: the figure is reported as unknown
        }
        return -1;
    }
}
