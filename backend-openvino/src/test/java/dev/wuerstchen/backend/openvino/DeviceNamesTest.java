package dev.wuerstchen.backend.openvino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.error.BackendUnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Device names as OpenVINO lists and accepts them: a bare "GPU" for one GPU, "GPU.0", "GPU.1", ... for
 * several; "GPU.0" names the only GPU and "GPU" the first of several.
 */
class DeviceNamesTest {

    private static final List<String> ONE_GPU = List.of("CPU", "GPU");
    private static final List<String> TWO_GPUS = List.of("CPU", "GPU.0", "GPU.1");

    @Test
    void theOnlyGpuMayBeCalledGpuDot0() {
        assertEquals("GPU.0", OpenVinoBackend.resolveDevice("gpu.0", ONE_GPU));
        assertEquals("GPU", OpenVinoBackend.resolveDevice("GPU", ONE_GPU));
    }

    @Test
    void theFirstOfSeveralGpusMayBeCalledGpu() {
        assertEquals("GPU", OpenVinoBackend.resolveDevice("gpu", TWO_GPUS));
        assertEquals("GPU.1", OpenVinoBackend.resolveDevice("GPU.1", TWO_GPUS));
    }

    @Test
    void defaultsAndVirtualDevices() {
        assertEquals("CPU", OpenVinoBackend.resolveDevice(null, ONE_GPU));
        assertEquals("CPU", OpenVinoBackend.resolveDevice(" ", ONE_GPU));
        assertEquals("AUTO", OpenVinoBackend.resolveDevice("auto", ONE_GPU));
        assertEquals("HETERO:GPU,CPU", OpenVinoBackend.resolveDevice("hetero:gpu,cpu", ONE_GPU));
    }

    @Test
    void devicesOpenVinoDoesNotHaveAreRefusedWithTheList() {
        for (String missing : List.of("GPU.1", "NPU", "GPU.00", "GPUX")) {
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                    () -> OpenVinoBackend.resolveDevice(missing, ONE_GPU));
            assertTrue(e.getMessage().contains("device '" + missing + "' is not among the devices OpenVINO found here: "
                    + "CPU, GPU\n"), e.getMessage());
            assertTrue(e.getMessage().contains("Choose one of CPU, GPU or AUTO"), e.getMessage());
        }
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> OpenVinoBackend.resolveDevice("GPU.2", TWO_GPUS));
        assertTrue(e.getMessage().contains("found here: CPU, GPU.0, GPU.1\n"), e.getMessage());
    }
}
