package dev.wuerstchen.backend.openvino;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The tiny linear model y = x·Wᵀ + b of spec openvino §B.11 (W = [[1,2,3,4],[5,6,7,8],[9,10,11,12]],
 * b = [0.5,-1,2], x of shape [?,4]) as IR v11 text + weights, and as an ONNX model written here with a
 * minimal protobuf encoder. For x = [[1,1,1,1],[1,0,0,0]] both give [[10.5,25,44],[1.5,4,11]].
 */
final class TinyModels {

    static final float[] X = {1, 1, 1, 1, 1, 0, 0, 0};
    static final float[] Y = {10.5f, 25, 44, 1.5f, 4, 11};
    private static final float[] W = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    private static final float[] B = {0.5f, -1, 2};

    private TinyModels() {
    }

    /** §B.11 tiny.xml. */
    static final String IR_XML = """
            <?xml version="1.0"?>
            <net name="tiny_linear" version="11">
              <layers>
                <layer id="0" name="x" type="Parameter" version="opset1">
                  <data shape="?,4" element_type="f32"/>
                  <output><port id="0" precision="FP32" names="x"><dim>-1</dim><dim>4</dim></port></output>
                </layer>
                <layer id="1" name="W" type="Const" version="opset1">
                  <data element_type="f32" shape="3, 4" offset="0" size="48"/>
                  <output><port id="0" precision="FP32"><dim>3</dim><dim>4</dim></port></output>
                </layer>
                <layer id="2" name="matmul" type="MatMul" version="opset1">
                  <data transpose_a="false" transpose_b="true"/>
                  <input><port id="0" precision="FP32"><dim>-1</dim><dim>4</dim></port>
                         <port id="1" precision="FP32"><dim>3</dim><dim>4</dim></port></input>
                  <output><port id="2" precision="FP32"><dim>-1</dim><dim>3</dim></port></output>
                </layer>
                <layer id="3" name="b" type="Const" version="opset1">
                  <data element_type="f32" shape="3" offset="48" size="12"/>
                  <output><port id="0" precision="FP32"><dim>3</dim></port></output>
                </layer>
                <layer id="4" name="add" type="Add" version="opset1">
                  <data auto_broadcast="numpy"/>
                  <input><port id="0" precision="FP32"><dim>-1</dim><dim>3</dim></port>
                         <port id="1" precision="FP32"><dim>3</dim></port></input>
                  <output><port id="2" precision="FP32" names="y"><dim>-1</dim><dim>3</dim></port></output>
                </layer>
                <layer id="5" name="y/sink_port_0" type="Result" version="opset1">
                  <input><port id="0" precision="FP32"><dim>-1</dim><dim>3</dim></port></input>
                </layer>
              </layers>
              <edges>
                <edge from-layer="0" from-port="0" to-layer="2" to-port="0"/>
                <edge from-layer="1" from-port="0" to-layer="2" to-port="1"/>
                <edge from-layer="2" from-port="2" to-layer="4" to-port="0"/>
                <edge from-layer="3" from-port="0" to-layer="4" to-port="1"/>
                <edge from-layer="4" from-port="2" to-layer="5" to-port="0"/>
              </edges>
              <rt_info/>
            </net>
            """;

    /** §B.11 tiny.bin: W row-major then b, float32 little-endian (60 bytes). */
    static byte[] irWeights() {
        ByteBuffer b = ByteBuffer.allocate(60).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : W) {
            b.putFloat(v);
        }
        for (float v : B) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** ONNX (IR version 8, opset 13): y = Add(MatMul(x, Wt), b), x float [N,4], y float [N,3]. */
    static byte[] onnx() {
        float[] wt = new float[12]; // Wᵀ, shape [4,3]
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 4; i++) {
                wt[i * 3 + o] = W[o * 4 + i];
            }
        }
        Proto graph = new Proto()
                .message(1, new Proto().string(1, "x").string(1, "Wt").string(2, "xw").string(3, "matmul").string(4, "MatMul"))
                .message(1, new Proto().string(1, "xw").string(1, "b").string(2, "y").string(3, "add").string(4, "Add"))
                .string(2, "tiny_linear")
                .message(5, tensor("Wt", wt, 4, 3))
                .message(5, tensor("b", B, 3))
                .message(11, valueInfo("x", 4))
                .message(12, valueInfo("y", 3));
        return new Proto().varint(1, 8).string(2, "wuerstchen-test").message(7, graph)
                .message(8, new Proto().string(1, "").varint(2, 13)).bytes();
    }

    private static Proto tensor(String name, float[] values, long... dims) {
        Proto t = new Proto();
        for (long d : dims) {
            t.varint(1, d);
        }
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return t.varint(2, 1 /* FLOAT */).string(8, name).field(9, raw.array());
    }

    private static Proto valueInfo(String name, long cols) {
        Proto shape = new Proto().message(1, new Proto().string(2, "N")).message(1, new Proto().varint(1, cols));
        Proto tensorType = new Proto().varint(1, 1 /* FLOAT */).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
    }

    /** Protobuf wire format: varint (type 0) and length-delimited (type 2) fields, enough for ONNX. */
    static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            writeVarint((long) field << 3);
            writeVarint(value);
            return this;
        }

        Proto string(int field, String s) {
            return field(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto m) {
            return field(field, m.bytes());
        }

        Proto field(int field, byte[] data) {
            writeVarint((long) field << 3 | 2);
            writeVarint(data.length);
            out.writeBytes(data);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void writeVarint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
