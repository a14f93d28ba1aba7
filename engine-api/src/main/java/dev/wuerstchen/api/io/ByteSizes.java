package dev.wuerstchen.api.io;

import java.util.Locale;

/** Byte counts as people read them: {@code 512 B}, {@code 3.0 MiB}, {@code 5.80 GiB}. */
public final class ByteSizes {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private ByteSizes() {
    }

    /** One decimal below a GiB, two from a GiB on (checkpoints differ in the second). */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int u = -1;
        // step up also when rounding would print 1024.0 of the smaller unit
        while (u < UNITS.length - 1 && (v >= 1024 || u >= 0 && round(v, u) >= 1024)) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u >= 2 ? "%.2f %s" : "%.1f %s", v, UNITS[u]);
    }

    private static double round(double v, int unit) {
        double scale = unit >= 2 ? 100 : 10;
        return Math.round(v * scale) / scale;
    }
}
