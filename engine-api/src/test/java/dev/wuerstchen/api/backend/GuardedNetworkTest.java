package dev.wuerstchen.api.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wuerstchen.api.nn.TestDefinitions;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lifecycle and input guard every backend's network inherits. */
class GuardedNetworkTest {

    private static final HostTensor IDS = HostTensor.of(Shape.of(1, 3), new long[] {4, 5, 6});
    private static final HostTensor MASK = HostTensor.of(Shape.of(1, 3), new float[] {1, 1, 0});

    /** Records what reaches the backend side: the shapes of each executed call, and releases. */
    private static final class Probe extends GuardedNetwork {
        final List<Map<String, Shape>> executed = new ArrayList<>();
        int releases;

        Probe() {
            super(TestDefinitions.TEXT, "probe-backend");
        }

        @Override
        protected NetworkOutputs execute(Map<String, HostTensor> inputs, Map<String, Shape> shapes) {
            executed.add(shapes);
            return new NetworkOutputs(Map.of("out", MASK));
        }

        @Override
        protected void release() {
            releases++;
        }
    }

    @Test
    void checkedInputsReachTheBackendWithTheirShapesInDefinitionOrder() {
        Probe net = new Probe();
        net.run(Map.of("mask", MASK, "ids", IDS));
        assertEquals(List.of(List.of("ids", "mask")), net.executed.stream().map(m -> List.copyOf(m.keySet())).toList());
        assertEquals(Shape.of(1, 3), net.executed.getFirst().get("ids"));
    }

    @Test
    void badInputsNeverReachTheBackend() {
        Probe net = new Probe();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.run(Map.of("ids", MASK, "mask", MASK)));
        assertEquals(0, net.executed.size(), e.getMessage());
    }

    @Test
    void closeReleasesOnceAndAClosedNetworkSaysWhichOneAndWhatToDo() {
        Probe net = new Probe();
        net.close();
        net.close();
        assertEquals(1, net.releases);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.run(Map.of("ids", IDS, "mask", MASK)));
        assertEquals("network 'text' on probe-backend is closed. Load it again to run it", e.getMessage());
        assertEquals(0, net.executed.size());
    }
}
