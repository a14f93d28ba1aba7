package dev.wuerstchen.backend.openvino;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The test fixtures themselves: the wire encoding and the weights of spec §B.11. */
class TinyModelsTest {

    @Test
    void varintsAndLengthDelimitedFieldsFollowTheProtobufWireFormat() {
        // examples from the protobuf encoding guide: field 1 = 150 → 08 96 01; field 2 = "testing"
        assertArrayEquals(new byte[] {0x08, (byte) 0x96, 0x01}, new TinyModels.Proto().varint(1, 150).bytes());
        assertArrayEquals(new byte[] {0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g'},
                new TinyModels.Proto().string(2, "testing").bytes());
    }

    @Test
    void irWeightsAreTheSpecsBytes() {
        byte[] w = TinyModels.irWeights();
        assertEquals(60, w.length);
        // spec §B.11 hex dump: first row 00 00 80 3f ..., b starts at 0x30 with 00 00 00 3f
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, 0x40}, java.util.Arrays.copyOf(w, 8));
        assertArrayEquals(new byte[] {0, 0, 0, 0x3f, 0, 0, (byte) 0x80, (byte) 0xbf, 0, 0, 0, 0x40},
                java.util.Arrays.copyOfRange(w, 48, 60));
    }

    @Test
    void expectedOutputIsXTimesWTransposedPlusB() {
        float[][] w = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};
        float[] b = {0.5f, -1, 2};
        float[] y = new float[6];
        for (int r = 0; r < 2; r++) {
            for (int o = 0; o < 3; o++) {
                float s = b[o];
                for (int i = 0; i < 4; i++) {
                    s += TinyModels.X[r * 4 + i] * w[o][i];
                }
                y[r * 3 + o] = s;
            }
        }
        assertArrayEquals(TinyModels.Y, y);
    }
}
