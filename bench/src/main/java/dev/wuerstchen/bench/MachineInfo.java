package dev.wuerstchen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a report's figures belong to, from /proc where it exists. */
final class MachineInfo {

    private MachineInfo() {
    }

    static BenchReport.Machine describe() {
        return new BenchReport.Machine(cpu(), Runtime.getRuntime().availableProcessors(), memoryBytes(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
    }

    /** The three load averages, or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpu() {
        String v = field(Path.of("/proc/cpuinfo"), "model name");
        return v == null ? System.getProperty("os.arch") : v;
    }

    private static long memoryBytes() {
        String v = field(Path.of("/proc/meminfo"), "MemTotal");
        try {
            return v == null ? -1 : Long.parseLong(v.split("\\s+")[0]) * 1024; // "24567890 kB"
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The value after the colon of the first line starting with {@code key}, or null. */
    private static String field(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    int colon = line.indexOf(':');
                    return colon < 0 ? null : line.substring(colon + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null; // not Linux: the figure is reported as unknown
        }
        return null;
    }
}
