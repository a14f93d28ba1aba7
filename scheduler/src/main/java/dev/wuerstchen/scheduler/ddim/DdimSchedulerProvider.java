package dev.wuerstchen.scheduler.ddim;

import dev.wuerstchen.api.config.SchedulerConfig;
import dev.wuerstchen.scheduler.Scheduler;
import dev.wuerstchen.scheduler.SchedulerProvider;
import java.util.Set;

/** Registers {@link DdimScheduler}. Chosen by id only: no published config names it. */
public final class DdimSchedulerProvider implements SchedulerProvider {

    @Override
    public String id() {
        return DdimScheduler.ID;
    }

    @Override
    public String description() {
        return "deterministic DDIM (eta = 0) on the Würstchen cosine schedule; draws no noise, suits few steps";
    }

    @Override
    public Set<String> classNames() {
        return Set.of();
    }

    @Override
    public Scheduler create(SchedulerConfig config) {
        return new DdimScheduler(config);
    }
}
