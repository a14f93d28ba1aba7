package dev.wuerstchen.graph.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: decodes the parts of an ONNX ModelProto the tests check, with protobuf's generic
 * wire-format parser and the field numbers of onnx.proto (independently of the writer's code).
 */
public record OnnxModelReader(long irVersion, Map<String, Long> opsets, List<NodeView> nodes,
        List<InitializerView> initializers, List<String> inputs, List<String> outputs) {

    public record NodeView(String opType, String domain, List<String> inputs, List<String> outputs) {
    }

    public record InitializerView(String name, List<Long> dims, int dataType, boolean hasRawData, int dataLocation,
            Map<String, String> externalData) {
    }

    public static OnnxModelReader parse(byte[] model) throws InvalidProtocolBufferException {
        UnknownFieldSet m = UnknownFieldSet.parseFrom(model);
        long ir = m.getField(1).getVarintList().getFirst();
        Map<String, Long> opsets = new LinkedHashMap<>();
        for (ByteString b : m.getField(8).getLengthDelimitedList()) {
            UnknownFieldSet o = UnknownFieldSet.parseFrom(b);
            opsets.put(string(o, 1), o.getField(2).getVarintList().getFirst());
        }
        UnknownFieldSet g = UnknownFieldSet.parseFrom(m.getField(7).getLengthDelimitedList().getFirst());
        List<NodeView> nodes = new ArrayList<>();
        for (ByteString b : g.getField(1).getLengthDelimitedList()) {
            UnknownFieldSet n = UnknownFieldSet.parseFrom(b);
            nodes.add(new NodeView(string(n, 4), string(n, 7), strings(n, 1), strings(n, 2)));
        }
        List<InitializerView> inits = new ArrayList<>();
        for (ByteString b : g.getField(5).getLengthDelimitedList()) {
            UnknownFieldSet t = UnknownFieldSet.parseFrom(b);
            Map<String, String> ext = new LinkedHashMap<>();
            for (ByteString e : t.getField(13).getLengthDelimitedList()) {
                UnknownFieldSet kv = UnknownFieldSet.parseFrom(e);
                ext.put(string(kv, 1), string(kv, 2));
            }
            List<Long> loc = t.getField(14).getVarintList();
            inits.add(new InitializerView(string(t, 8), t.getField(1).getVarintList(),
                    (int) (long) t.getField(2).getVarintList().getFirst(), !t.getField(9).getLengthDelimitedList().isEmpty(),
                    loc.isEmpty() ? 0 : (int) (long) loc.getFirst(), ext));
        }
        return new OnnxModelReader(ir, opsets, nodes, inits, valueInfoNames(g, 11), valueInfoNames(g, 12));
    }

    private static List<String> valueInfoNames(UnknownFieldSet g, int field) throws InvalidProtocolBufferException {
        List<String> names = new ArrayList<>();
        for (ByteString b : g.getField(field).getLengthDelimitedList()) {
            names.add(string(UnknownFieldSet.parseFrom(b), 1));
        }
        return names;
    }

    private static String string(UnknownFieldSet s, int field) {
        List<ByteString> l = s.getField(field).getLengthDelimitedList();
        return l.isEmpty() ? "" : l.getFirst().toString(StandardCharsets.UTF_8);
    }

    private static List<String> strings(UnknownFieldSet s, int field) {
        return s.getField(field).getLengthDelimitedList().stream().map(b -> b.toString(StandardCharsets.UTF_8)).toList();
    }
}
