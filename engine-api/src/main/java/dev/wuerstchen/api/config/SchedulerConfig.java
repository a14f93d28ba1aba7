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

    public static SchedulerConfig load(Path file) {
        ConfigReader r = ConfigReader.read(file);
        try {
            return new SchedulerConfig(r.requireString("_class_name"), r.optDouble("s", 0.008), r.optDouble("scaler", 1.0));
        } catch (IllegalArgumentException e) {
            throw r.invalid("s", e.getMessage());
        }
    }
}
