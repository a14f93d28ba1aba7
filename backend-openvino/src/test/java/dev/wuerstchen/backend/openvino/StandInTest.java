package dev.wuerstchen.backend.openvino;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that run the binding against the C stand-in: each test starts from zeroed
 * counters and ends by checking that everything created was released exactly once.
 */
abstract class StandInTest {

    OpenVinoRuntime rt;

    @BeforeEach
    void resetStandIn() {
        StandIn.directory();
        StandIn.reset();
        rt = StandIn.runtime();
    }

    @AfterEach
    void everythingReleased() {
        if (rt != null) { // null when the stand-in could not be built and the test was skipped
            StandIn.assertBalanced();
        }
    }
}
