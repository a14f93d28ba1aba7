package dev.wuerstchen.backend.nd4j;

import static dev.wuerstchen.backend.nd4j.DTensor.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import org.junit.jupiter.api.Test;

class ResizeLookupOpsTest {

    private final Nd4jOps ops = new Nd4jOps();

    /** The non-zero entries of one row, as listed in spec 3.9. */
    private static void assertRow(int nOut, int row, int from, double... expected) {
        float[] r = ResizeWeights.matrix(24, nOut)[row];
        for (int j = 0; j < 24; j++) {
            double e = j >= from && j < from + expected.length ? expected[j - from] : 0;
            assertEquals(e, r[j], 1e-6, "24→" + nOut + " row " + row + " column " + j);
        }
    }

    @Test
    void weightMatricesMatchTheSpecTestVectors() {
        assertRow(16, 0, 0, 0.639980, 0.406567, -0.033852, -0.012695);
        assertRow(16, 8, 10, -0.026114, 0, 0.503509, 0.536641, 0.016811, -0.030847);
        assertRow(16, 15, 21, -0.064658, 0.138624, 0.926035);
        assertRow(64, 0, 0, 1.102405, -0.102405);
        assertRow(64, 32, 10, -0.073586, 0.739781, 0.376117, -0.042312);
        assertRow(64, 63, 21, -0.032025, 0.290798, 0.741227);
        assertRow(32, 0, 0, 1.053625, -0.053625);
        assertRow(32, 16, 10, -0.024705, 0.236447, 0.859286, -0.071028);
        float[][] id = ResizeWeights.matrix(24, 24);
        for (int i = 0; i < 24; i++) {
            for (int j = 0; j < 24; j++) {
                assertEquals(i == j ? 1 : 0, id[i][j], 1e-7, "24→24 is the identity");
            }
        }
    }

    @Test
    void resizeMatchesTheTwoDimensionalSum() {
        DTensor x = DTensor.random(1, 2, 3, 6, 5);
        int[][] sizes = {{16, 12}, {3, 2}, {6, 5}, {9, 4}, {1, 1}, {2, 11}};
        for (int[] s : sizes) {
            assertClose(s[0] + "×" + s[1], DoubleImageOps.resize(x, s[0], s[1]),
                    ops.resizeBicubicAntialias(x.on(ops), s[0], s[1]), 1e-6);
        }
        DTensor e = DTensor.random(2, 1, 16, 3, 3); // the golden case's effnet: 3×3 up to each level
        for (int n : new int[] {8, 4, 2}) {
            assertClose("3→" + n, DoubleImageOps.resize(e, n, n), ops.resizeBicubicAntialias(e.on(ops), n, n), 1e-6);
        }
    }

    @Test
    void embeddingGathersRowsAndRejectsForeignIds() {
        DTensor table = DTensor.random(3, 10, 4);
        long[] ids = {0, 9, 3, 3, 7, 1};
        DTensor expected = DTensor.zeros(2, 3, 4);
        for (int i = 0; i < ids.length; i++) {
            for (int d = 0; d < 4; d++) {
                expected.v()[i * 4 + d] = table.at((int) ids[i], d);
            }
        }
        assertClose("embedding", expected, ops.embedding(table.on(ops), ops.constant(HostTensor.of(Shape.of(2, 3), ids))), 0);
        var bad = ops.constant(HostTensor.of(Shape.of(1, 2), new long[] {2, 10}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ops.embedding(table.on(ops), bad));
        assertEquals(true, e.getMessage().contains("id 10"), e.getMessage());
    }

    @Test
    void nearestCodePicksTheClosestRowAndTheFirstOfTies() {
        DTensor x = DTensor.random(4, 2, 3, 5, 4);
        DTensor codebook = DTensor.random(5, 16, 3);
        assertClose("random", DoubleImageOps.nearestCode(x, codebook), ops.nearestCode(x.on(ops), codebook.on(ops)), 0);
        // the pixel (0,0,…) lies exactly between codes 1 and 2: code 1 wins; code 0 is far
        DTensor cb = new DTensor(new int[] {3, 2}, new double[] {10, 10, 0, 1, 0, -1});
        DTensor px = new DTensor(new int[] {1, 2, 1, 2}, new double[] {0, 0.25, 0, -0.9});
        DTensor expected = new DTensor(new int[] {1, 2, 1, 2}, new double[] {0, 0, 1, -1});
        assertClose("tie", expected, ops.nearestCode(px.on(ops), cb.on(ops)), 0);
    }
}
