package dev.wuerstchen.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The process's peak memory: resident set high-water mark (Linux) and peak Java heap. */
final class PeakMemory {

    private PeakMemory() {
    }

    static String describe() {
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        String rss = residentHighWaterMark();
        return String.format(Locale.ROOT, "%sheap %.0f MiB", rss.isEmpty() ? "" : "resident " + rss + ", ", heap / 1048576.0);
    }

    /** VmHWM from /proc/self/status, or empty where there is no such file. */
    static String residentHighWaterMark() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.0f MiB", kb / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "";
        }
        return "";
    }
}
