package dev.wuerstchen.backend.nd4j;

import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.OpsConformanceTest;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.HostTensor;

/** Every op of the ND4J backend against the pure-Java double-precision reference. */
class Nd4jOpsConformanceTest extends OpsConformanceTest {

    private final Nd4jOps ops = new Nd4jOps();

    @Override
    protected Ops ops() {
        return ops;
    }

    @Override
    protected Tensor input(HostTensor value) {
        return Nd4jOps.of(value);
    }

    @Override
    protected HostTensor output(Tensor result) {
        return Nd4jOps.toHost(result);
    }
}
