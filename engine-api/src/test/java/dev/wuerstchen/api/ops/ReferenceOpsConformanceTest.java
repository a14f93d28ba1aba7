package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.tensor.HostTensor;

/**
 * Runs the published conformance suite against the reference itself. The value comparisons are
 * trivially equal here (the reference's own correctness is tested by the hand-computed
 * {@code ReferenceOps*Test} classes); what this run checks is the suite: every case is a valid op
 * call, every shape-error case is rejected with a {@link dev.wuerstchen.api.error.ShapeMismatchException}
 * naming the shapes, and the reference leaves its inputs untouched.
 */
class ReferenceOpsConformanceTest extends OpsConformanceTest {

    private final Ops ops = new ReferenceOps();

    @Override
    protected Ops ops() {
        return ops;
    }

    @Override
    protected Tensor input(HostTensor value) {
        return ReferenceOps.of(value);
    }

    @Override
    protected HostTensor output(Tensor result) {
        return ReferenceOps.toHost(result);
    }
}
