package dev.wuerstchen.scheduler;

import dev.wuerstchen.api.config.SchedulerConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the {@link SchedulerProvider}s registered in {@code META-INF/services} and makes schedulers. */
public final class Schedulers {

    private Schedulers() {
    }

    /** Every registered provider, sorted by id. */
    public static List<SchedulerProvider> providers() {
        List<SchedulerProvider> list = new ArrayList<>();
        ServiceLoader.load(SchedulerProvider.class, Schedulers.class.getClassLoader()).forEach(list::add);
        list.sort(Comparator.comparing(SchedulerProvider::id));
        return List.copyOf(list);
    }

    /** The ids users can pass, sorted. */
    public static List<String> ids() {
        return providers().stream().map(SchedulerProvider::id).toList();
    }

    public static Optional<SchedulerProvider> provider(String id) {
        return providers().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The scheduler {@code id} built from {@code config}; an unknown id lists the known ones. */
    public static Scheduler create(String id, SchedulerConfig config) {
        Objects.requireNonNull(config, "config");
        SchedulerProvider p = provider(id).orElseThrow(() -> new IllegalArgumentException(
                "scheduler '" + id + "': no such scheduler. Available: " + String.join(", ", ids()) + "."));
        return p.create(config);
    }

    /** The scheduler that serves {@code config.className()} (as named in {@code scheduler_config.json}). */
    public static Scheduler forConfig(SchedulerConfig config) {
        Objects.requireNonNull(config, "config");
        for (SchedulerProvider p : providers()) {
            if (p.classNames().contains(config.className())) {
                return p.create(config);
            }
        }
        throw new IllegalArgumentException("scheduler class '" + config.className() + "': no registered scheduler serves it."
                + " Choose one by id instead (available: " + String.join(", ", ids()) + ").");
    }
}
