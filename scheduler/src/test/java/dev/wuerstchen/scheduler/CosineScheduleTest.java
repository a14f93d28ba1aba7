package dev.wuerstchen.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.config.SchedulerConfig;
import org.junit.jupiter.api.Test;

class CosineScheduleTest {

    private final CosineSchedule schedule = CosineSchedule.of(SchedulerConfig.DEFAULT);

    @Test
    void specExamples() {
        // Spec 9.1 (values from diffusers).
        assertEquals(1.0e-4f, schedule.alphaCumprod(1f));
        assertEquals(0.9999f, schedule.alphaCumprod(0f));
        assertEquals(0.49384364f, schedule.alphaCumprod(0.5f), 1e-7f);
        assertEquals(0.99867845f, schedule.alphaCumprod(1f / 60f), 1e-7f);
    }

    @Test
    void agreesWithADoubleOracleAwayFromTheClamps() {
        double s = 0.008;
        double init = Math.pow(Math.cos(s / (1 + s) * Math.PI / 2), 2);
        for (int i = 1; i < 100; i++) {
            float t = i / 100f;
            double expected = Math.pow(Math.cos((t + s) / (1 + s) * Math.PI / 2), 2) / init;
            if (expected > 1e-4 && expected < 0.9999) {
                assertEquals(expected, schedule.alphaCumprod(t), 2e-6 * Math.max(expected, 1e-2), "t=" + t);
            }
        }
    }

    @Test
    void scalerWarpsTime() {
        // scaler > 1: t ← 1 − (1 − t)^scaler; scaler < 1: t ← t^scaler.
        CosineSchedule up = new CosineSchedule(0.008, 2.0);
        CosineSchedule down = new CosineSchedule(0.008, 0.5);
        assertEquals(schedule.alphaCumprod(0.75f), up.alphaCumprod(0.5f), 1e-6f);
        assertEquals(schedule.alphaCumprod(0.5f), down.alphaCumprod(0.25f), 1e-6f);
    }

    @Test
    void decreasesAndStaysClamped() {
        float previous = Float.POSITIVE_INFINITY;
        for (int i = 0; i <= 1000; i++) {
            float a = schedule.alphaCumprod(i / 1000f);
            assertTrue(a >= 1e-4f && a <= 0.9999f);
            assertTrue(a <= previous);
            previous = a;
        }
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(-0.1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0.008, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(Double.NaN, 1.0));
    }
}
