package dev.wuerstchen.scheduler.ddpm;

import dev.wuerstchen.api.config.SchedulerConfig;
import dev.wuerstchen.scheduler.Scheduler;
import dev.wuerstchen.scheduler.SchedulerProvider;
import java.util.Set;

/** Registers {@link DdpmWuerstchenScheduler}; serves {@code DDPMWuerstchenScheduler} configs. */
public final class DdpmWuerstchenSchedulerProvider implements SchedulerProvider {

    @Override
    public String id() {
        return DdpmWuerstchenScheduler.ID;
    }

    @Override
    public String description() {
        return "DDPM on the Würstchen cosine schedule, as diffusers' DDPMWuerstchenScheduler (draws noise every step)";
    }

    @Override
    public Set<String> classNames() {
        return Set.of("DDPMWuerstchenScheduler");
    }

    @Override
    public Scheduler create(SchedulerConfig config) {
        return new DdpmWuerstchenScheduler(config);
    }
}
