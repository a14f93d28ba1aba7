package dev.wuerstchen.scheduler;

import dev.wuerstchen.api.config.SchedulerConfig;
import java.util.Set;

/** Registered in {@code META-INF/services}; makes one kind of scheduler from a config. */
public interface SchedulerProvider {

    /** The name users pass to {@code --scheduler}. */
    String id();

    /** One line for help texts. */
    String description();

    /** diffusers class names in {@code scheduler_config.json} this provider serves by default. */
    Set<String> classNames();

    Scheduler create(SchedulerConfig config);
}
