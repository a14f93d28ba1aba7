package dev.wuerstchen.api.config;

import java.nio.file.Path;

/** {@code scheduler/scheduler_config.json}: the class name and the cosine schedule's settings (spec 9). */
public record SchedulerConfig(String className, double s, double scaler) {

    public static final SchedulerConfig DEFAULT = new SchedulerConfig("DDPMWuerstchenScheduler", 0.008, 1.0);

    public SchedulerConfig {
        if (!(s >= 0) || !(scaler > 0)) {
            throw new IllegalArgumentException("scheduler s must be ≥ 0 and scaler > 0 (s=" + s + ", scaler=" + scaler + ")");
        }
    }

    public SchedulerConfig withClassName(String name) {
        return new SchedulerConfig(name, s, scaler);
    }

    /** The config as diffusers writes {@code scheduler_config.json}. */
    public String toJson() {
        return String.format(java.util.Locale.ROOT, "{%n  \"_class_name\": \"%s\",%n  \"s\": %s,%n  \"scaler\": %s%n}%n",
                className.replace("\\", "\\\\").replace("\"", "\\\""), Double.toString(s), Double.toString(scaler));
    }

    public static SchedulerConfig load(Path file) {
        ConfigReader r = ConfigReader.read(file);
        double s = r.optDouble("s", 0.008);
        if (!(s >= 0)) {
            throw r.invalid("s", "must be 0 or more, got " + s + ". Restore the file from the original download");
        }
        double scaler = r.optDouble("scaler", 1.0);
        if (!(scaler > 0)) {
            throw r.invalid("scaler", "must be positive, got " + scaler + ". Restore the file from the original download");
        }
        return new SchedulerConfig(r.requireString("_class_name"), s, scaler);
    }
}
