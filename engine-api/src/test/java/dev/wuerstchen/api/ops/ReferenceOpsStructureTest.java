package dev.wuerstchen.api.ops;

import static dev.wuerstchen.api.ops.RefTestSupport.OPS;
import static dev.wuerstchen.api.ops.RefTestSupport.arange;
import static dev.wuerstchen.api.ops.RefTestSupport.ids;
import static dev.wuerstchen.api.ops.RefTestSupport.shape;
import static dev.wuerstchen.api.ops.RefTestSupport.t;
import static dev.wuerstchen.api.ops.RefTestSupport.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import org.junit.jupiter.api.Test;

/** Structural and lookup reference ops against hand-written results and the spec 3.6 formulas. */
class ReferenceOpsStructureTest {

    @Test
    void conversionsCopyValuesAndDtype() {
        float[] v = {1, 2, 3, 4, 5, 6};
        HostTensor host = HostTensor.of(shape(2, 3), v);
        Tensor ref = ReferenceOps.of(host);
        v[0] = 99; // the reference tensor owns a copy
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, values(ref));
        HostTensor l = ReferenceOps.toHost(ids(shape(3), 7, 8, 9));
        assertEquals(DType.I64, l.dtype());
        assertArrayEquals(new long[] {7, 8, 9}, l.toLongArray());
        assertArrayEquals(new float[] {1, 2}, values(OPS.constant(HostTensor.of(shape(2), new float[] {1, 2}))));
    }

    @Test
    void reshapeKeepsRowMajorOrder() {
        Tensor r = OPS.reshape(arange(2, 3), shape(3, 2));
        assertEquals(shape(3, 2), r.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, values(r));
    }

    @Test
    void permuteTransposesAndMovesChannelsLast() {
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, values(OPS.permute(arange(2, 3), 1, 0)));
        // (1,2,2,2) NCHW → NHWC: pixel (y,x) lists channel 0 then channel 1.
        Tensor nhwc = OPS.permute(arange(1, 2, 2, 2), 0, 2, 3, 1);
        assertEquals(shape(1, 2, 2, 2), nhwc.shape());
        assertArrayEquals(new float[] {0, 4, 1, 5, 2, 6, 3, 7}, values(nhwc));
        Tensor p = OPS.permute(arange(2, 3, 4), 2, 0, 1);
        assertEquals(shape(4, 2, 3), p.shape());
        assertEquals(13f, values(p)[1 * 6 + 1 * 3 + 0]); // out[1][1][0] = in[1][0][1] = 12 + 1
    }

    @Test
    void concatAndSlice() {
        Tensor a = arange(2, 2); // [[0,1],[2,3]]
        Tensor b = t(shape(2, 1), 10, 20);
        assertArrayEquals(new float[] {0, 1, 10, 2, 3, 20}, values(OPS.concat(1, a, b)));
        assertArrayEquals(new float[] {0, 1, 2, 3, 0, 1, 2, 3}, values(OPS.concat(0, a, a)));
        Tensor x = arange(2, 4);
        assertArrayEquals(new float[] {1, 2, 5, 6}, values(OPS.slice(x, 1, 1, 3)));
        assertArrayEquals(new float[] {4, 5, 6, 7}, values(OPS.slice(x, 0, 1, 2)));
        assertEquals(shape(2, 2), OPS.slice(x, 1, 1, 3).shape());
    }

    @Test
    void pixelUnshuffleOfA4x4Plane() {
        // in[h][w] = 4h + w; channel i·2+j collects in[2y+i][2x+j] (spec 3.6).
        Tensor out = OPS.pixelUnshuffle(arange(1, 1, 4, 4), 2);
        assertEquals(shape(1, 4, 2, 2), out.shape());
        assertArrayEquals(new float[] {0, 2, 8, 10, 1, 3, 9, 11, 4, 6, 12, 14, 5, 7, 13, 15}, values(out));
    }

    @Test
    void pixelShuffleMatchesSpecFormula() {
        int b = 2, c = 3, h = 2, w = 3, r = 2;
        float[] in = values(arange(b, c * r * r, h, w));
        float[] out = values(OPS.pixelShuffle(arange(b, c * r * r, h, w), r));
        for (int n = 0; n < b; n++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        for (int i = 0; i < r; i++) {
                            for (int j = 0; j < r; j++) {
                                float expected = in[((n * c * r * r + ch * r * r + i * r + j) * h + y) * w + x];
                                float actual = out[((n * c + ch) * h * r + y * r + i) * w * r + x * r + j];
                                assertEquals(expected, actual);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void shuffleAndUnshuffleAreInverse() {
        Tensor x = arange(2, 3, 4, 6);
        assertArrayEquals(values(x), values(OPS.pixelShuffle(OPS.pixelUnshuffle(x, 2), 2)));
        Tensor y = arange(1, 8, 3, 2);
        assertArrayEquals(values(y), values(OPS.pixelUnshuffle(OPS.pixelShuffle(y, 2), 2)));
    }

    @Test
    void replicationPadRepeatsEdges() {
        Tensor x = t(shape(1, 1, 2, 2), 1, 2, 3, 4);
        Tensor p = OPS.replicationPad(x, 1);
        assertEquals(shape(1, 1, 4, 4), p.shape());
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, values(p));
        Tensor q = OPS.replicationPad(t(shape(1, 1, 1, 2), 5, 6), 2);
        assertArrayEquals(new float[] {5, 5, 5, 6, 6, 6}, java.util.Arrays.copyOfRange(values(q), 6, 12));
    }

    @Test
    void embeddingPicksRows() {
        Tensor table = arange(4, 3); // row k = [3k, 3k+1, 3k+2]
        Tensor out = OPS.embedding(table, ids(shape(2, 2), 3, 0, 1, 3));
        assertEquals(shape(2, 2, 3), out.shape());
        assertArrayEquals(new float[] {9, 10, 11, 0, 1, 2, 3, 4, 5, 9, 10, 11}, values(out));
    }

    @Test
    void structuralOpsMoveInt64() {
        Tensor i = ids(shape(2, 2), 1, 2, 3, 4);
        HostTensor p = ReferenceOps.toHost(OPS.permute(i, 1, 0));
        assertArrayEquals(new long[] {1, 3, 2, 4}, p.toLongArray());
        HostTensor c = ReferenceOps.toHost(OPS.concat(0, i, OPS.slice(i, 0, 1, 2)));
        assertArrayEquals(new long[] {1, 2, 3, 4, 3, 4}, c.toLongArray());
    }

    @Test
    void nearestCodePicksClosestRowAndLowestIndexOnTies() {
        // Two pixels of 2 channels: (0.9, 0) and (0, 0). Codebook rows (1,0), (0,1), (−1,0), (0,−1).
        Tensor x = t(shape(1, 2, 1, 2), 0.9f, 0f, 0f, 0f);
        Tensor codebook = t(shape(4, 2), 1, 0, 0, 1, -1, 0, 0, -1);
        // Pixel 0 → row 0. Pixel 1 is at distance 1 from all rows → row 0 (lowest index).
        assertArrayEquals(new float[] {1, 1, 0, 0}, values(OPS.nearestCode(x, codebook)));
        Tensor later = t(shape(3, 2), 5, 5, 0, -1, 0, 1);
        // Both rows 1 and 2 are at distance 1 from (0,0); row 1 wins.
        assertArrayEquals(new float[] {0, 0, -1, -1}, values(OPS.nearestCode(t(shape(1, 2, 1, 2), 0, 0, 0, 0), later)));
    }
}
