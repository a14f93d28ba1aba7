package dev.wuerstchen.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.config.SchedulerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulersTest {

    @Test
    void bothSamplersAreRegistered() {
        assertEquals(List.of("ddim", "ddpm-wuerstchen"), Schedulers.ids());
        for (SchedulerProvider p : Schedulers.providers()) {
            assertTrue(!p.description().isBlank(), p.id());
        }
    }

    @Test
    void createByIdKeepsTheConfig() {
        SchedulerConfig c = new SchedulerConfig("DDPMWuerstchenScheduler", 0.01, 1.0);
        Scheduler s = Schedulers.create("ddim", c);
        assertEquals("ddim", s.id());
        assertEquals(c, s.config());
    }

    @Test
    void forConfigPicksTheProviderServingTheClassName() {
        assertEquals("ddpm-wuerstchen", Schedulers.forConfig(SchedulerConfig.DEFAULT).id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Schedulers.forConfig(SchedulerConfig.DEFAULT.withClassName("EulerDiscreteScheduler")));
        assertTrue(e.getMessage().contains("EulerDiscreteScheduler") && e.getMessage().contains("ddim"), e.getMessage());
    }

    @Test
    void anUnknownIdListsTheAvailableOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Schedulers.create("euler", SchedulerConfig.DEFAULT));
        assertTrue(e.getMessage().contains("euler") && e.getMessage().contains("ddim, ddpm-wuerstchen"), e.getMessage());
    }
}
