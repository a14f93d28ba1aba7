package dev.wuerstchen.backend.nd4j;

import static dev.wuerstchen.backend.nd4j.DTensor.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import org.junit.jupiter.api.Test;

class StructureOpsTest {

    private final Nd4jOps ops = new Nd4jOps();

    @Test
    void reshapeKeepsRowMajorOrderAlsoAfterAPermute() {
        DTensor x = DTensor.random(1, 2, 3, 4);
        Tensor r = ops.reshape(x.on(ops), Shape.of(6, 4));
        assertClose("reshape", new DTensor(new int[] {6, 4}, x.v()), r, 0);
        // a permuted tensor reshaped must follow the permuted (logical) order, not the storage order
        DTensor p = DoubleOps.permute(x, 2, 0, 1);
        Tensor pr = ops.reshape(ops.permute(x.on(ops), 2, 0, 1), Shape.of(4, 6));
        assertClose("permute+reshape", new DTensor(new int[] {4, 6}, p.v()), pr, 0);
        assertClose("reshape back", x, ops.reshape(r, Shape.of(2, 3, 4)), 0);
    }

    @Test
    void permuteMatchesIndexDefinition() {
        DTensor x = DTensor.random(2, 2, 3, 4, 5);
        assertClose("0231", DoubleOps.permute(x, 0, 2, 3, 1), ops.permute(x.on(ops), 0, 2, 3, 1), 0);
        assertClose("0312", DoubleOps.permute(x, 0, 3, 1, 2), ops.permute(x.on(ops), 0, 3, 1, 2), 0);
        assertClose("3210", DoubleOps.permute(x, 3, 2, 1, 0), ops.permute(x.on(ops), 3, 2, 1, 0), 0);
    }

    @Test
    void concatAndSliceAlongEveryAxis() {
        DTensor a = DTensor.random(3, 2, 3, 4);
        for (int axis = 0; axis < 3; axis++) {
            int[] bs = a.shape().clone();
            bs[axis] = 2;
            DTensor b = DTensor.random(4 + axis, bs);
            assertClose("concat " + axis, DoubleImageOps.concat(axis, a, b, a), ops.concat(axis, a.on(ops), b.on(ops), a.on(ops)), 0);
            assertClose("slice " + axis, DoubleImageOps.slice(a, axis, 1, a.dim(axis)), ops.slice(a.on(ops), axis, 1, a.dim(axis)), 0);
        }
        DTensor v = DTensor.random(5, 6);
        for (int i = 0; i < 6; i++) {
            assertClose("vector slice " + i, DoubleImageOps.slice(v, 0, i, i + 1), ops.slice(v.on(ops), 0, i, i + 1), 0);
        }
        assertClose("negative axis", DoubleImageOps.concat(2, a, a), ops.concat(-1, a.on(ops), a.on(ops)), 0);
    }

    @Test
    void int64TensorsRoundTripAndReshape() {
        long[] ids = {49406, 3, 7, 49407, 49407, 49407};
        Tensor t = ops.constant(HostTensor.of(Shape.of(2, 3), ids));
        assertEquals(DType.I64, t.dtype());
        Tensor r = ops.reshape(t, Shape.of(3, 2));
        assertArrayEquals(ids, Nd4jOps.toHost(r).toLongArray());
        assertArrayEquals(new long[] {3, 7, 49407, 49407}, Nd4jOps.toHost(ops.slice(t, 1, 1, 3)).toLongArray());
    }

    @Test
    void pixelShuffleAndUnshuffleFollowSpec36() {
        DTensor x = DTensor.random(6, 2, 12, 3, 5);
        assertClose("shuffle", DoubleImageOps.pixelShuffle(x, 2), ops.pixelShuffle(x.on(ops), 2), 0);
        DTensor y = DTensor.random(7, 2, 3, 6, 4);
        assertClose("unshuffle", DoubleImageOps.pixelUnshuffle(y, 2), ops.pixelUnshuffle(y.on(ops), 2), 0);
        assertClose("round trip", y, ops.pixelShuffle(ops.pixelUnshuffle(y.on(ops), 2), 2), 0);
    }

    @Test
    void replicationPadRepeatsEdges() {
        DTensor x = DTensor.random(8, 2, 3, 4, 5);
        for (int pad : new int[] {0, 1, 3}) {
            assertClose("pad " + pad, DoubleImageOps.replicationPad(x, pad), ops.replicationPad(x.on(ops), pad), 0);
        }
    }
}
