package dev.wuerstchen.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Busy CPU time of the whole machine (Linux {@code /proc/stat}) and of this process, so a
 * measurement can say how many cores it had and how many other processes took.
 */
final class CpuUsage {

    /** Clock ticks per second of /proc/stat (USER_HZ, 100 on every common Linux build). */
    private static final double TICKS_PER_SECOND = 100;

    /** A point in time: wall clock, busy ticks of all CPUs (-1 if unknown), this process's CPU time. */
    record Sample(long wallNanos, long machineBusyTicks, long processCpuNanos) {
    }

    /** Average cores kept busy since a sample: by this process, and by everything else (-1 if unknown). */
    record Cores(double self, double others) {
    }

    private CpuUsage() {
    }

    static Sample sample() {
        return new Sample(System.nanoTime(), machineBusyTicks(), processCpuNanos());
    }

    static Cores since(Sample start) {
        Sample end = sample();
        double wall = (end.wallNanos() - start.wallNanos()) / 1e9;
        if (wall <= 0 || start.processCpuNanos() < 0 || end.processCpuNanos() < 0) {
            return new Cores(-1, -1);
        }
        double self = (end.processCpuNanos() - start.processCpuNanos()) / 1e9 / wall;
        if (start.machineBusyTicks() < 0 || end.machineBusyTicks() < 0) {
            return new Cores(self, -1);
        }
        double machine = (end.machineBusyTicks() - start.machineBusyTicks()) / TICKS_PER_SECOND / wall;
        return new Cores(self, Math.max(0, machine - self));
    }

    /** user + nice + system + irq + softirq + steal of the aggregate "cpu" line, or -1. */
    private static long machineBusyTicks() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            String[] f = line.trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal ...
            if (!f[0].equals("cpu") || f.length < 9) {
                return -1;
            }
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1; // not Linux: reported as unknown
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
