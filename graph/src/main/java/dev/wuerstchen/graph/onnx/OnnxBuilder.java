package dev.wuerstchen.graph.onnx;

import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ONNX graph under construction: nodes in emission order and the small constants they need.
 * Temporary values are named {@code /t<n>} and constants {@code /k<n>}, numbered in emission order,
 * so the same lowering always produces the same names. Identical constants are stored once.
 */
final class OnnxBuilder {

    /** A node attribute (only the kinds the lowering uses). */
    sealed interface Attr {
        String name();
    }

    record IntAttr(String name, long value) implements Attr {
    }

    record IntsAttr(String name, List<Long> values) implements Attr {
        IntsAttr {
            values = List.copyOf(values);
        }
    }

    record FloatAttr(String name, float value) implements Attr {
    }

    record StringAttr(String name, String value) implements Attr {
    }

    /** One ONNX node; an empty input name marks an absent optional input. */
    record OnnxNode(String opType, List<String> inputs, String output, List<Attr> attributes) {
        OnnxNode {
            inputs = List.copyOf(inputs);
            attributes = List.copyOf(attributes);
        }
    }

    /** A tensor stored inside the model (F32 or I64, little-endian raw bytes). */
    record InlineTensor(String name, DType dtype, Shape shape, byte[] raw) {
    }

    private final List<OnnxNode> nodes = new ArrayList<>();
    private final List<InlineTensor> constants = new ArrayList<>();
    private final Map<ConstantKey, String> constantByContent = new HashMap<>();
    private int temps;

    List<OnnxNode> nodes() {
        return nodes;
    }

    List<InlineTensor> constants() {
        return constants;
    }

    /** Emits a node writing {@code output}. */
    void op(String opType, List<String> inputs, String output, Attr... attributes) {
        nodes.add(new OnnxNode(opType, inputs, output, List.of(attributes)));
    }

    /** Emits a node writing a fresh temporary, and returns its name. */
    String op(String opType, List<String> inputs, Attr... attributes) {
        String out = "/t" + temps++;
        op(opType, inputs, out, attributes);
        return out;
    }

    /** Stores a constant under a given name (the constants the network itself creates). */
    void initializer(String name, HostTensor value) {
        constants.add(new InlineTensor(name, value.dtype(), value.shape(), littleEndian(value)));
    }

    /** A float32 constant of the given shape, stored once per distinct content. */
    String floats(Shape shape, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return intern(DType.F32, shape, b.array());
    }

    /** A float32 scalar (rank 0) constant. */
    String scalar(float value) {
        return floats(Shape.of(), value);
    }

    /** A 1-D int64 constant (shapes, axes, pads, slice bounds). */
    String int64s(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return intern(DType.I64, Shape.of(values.length), b.array());
    }

    /** The dimensions of a shape as an int64 constant (a Reshape target). */
    String shape(Shape s) {
        return int64s(Arrays.stream(s.dims()).asLongStream().toArray());
    }

    /** Content equality of constants (ByteBuffer compares its remaining bytes). */
    private record ConstantKey(DType dtype, Shape shape, ByteBuffer bytes) {
    }

    private String intern(DType dtype, Shape shape, byte[] raw) {
        ConstantKey key = new ConstantKey(dtype, shape, ByteBuffer.wrap(raw));
        String known = constantByContent.get(key);
        if (known != null) {
            return known;
        }
        String name = "/k" + constants.size();
        constants.add(new InlineTensor(name, dtype, shape, raw));
        constantByContent.put(key, name);
        return name;
    }

    static IntAttr attrInt(String name, long value) {
        return new IntAttr(name, value);
    }

    static IntsAttr attrInts(String name, long... values) {
        return new IntsAttr(name, Arrays.stream(values).boxed().toList());
    }

    static FloatAttr attrFloat(String name, float value) {
        return new FloatAttr(name, value);
    }

    static StringAttr attrString(String name, String value) {
        return new StringAttr(name, value);
    }

    private static byte[] littleEndian(HostTensor t) {
        int n = Math.toIntExact(t.shape().elementCount());
        ByteBuffer b = ByteBuffer.allocate(n * t.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        if (t.dtype() == DType.I64) {
            for (long v : t.toLongArray()) {
                b.putLong(v);
            }
        } else {
            for (float v : t.toFloatArray()) {
                b.putFloat(v);
            }
        }
        return b.array();
    }
}
