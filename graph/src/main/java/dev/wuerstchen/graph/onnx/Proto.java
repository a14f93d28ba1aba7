package dev.wuerstchen.graph.onnx;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One protobuf message being written, field by field, in the order the caller writes them (so the
 * bytes are deterministic). Nested messages are written whole as length-delimited fields. Repeated
 * scalars are written unpacked, as proto2 (the syntax of onnx.proto) does by default; readers accept
 * both encodings.
 */
final class Proto {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(buffer);

    /** The body of an I/O call on an in-memory stream, which cannot fail. */
    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    private Proto write(Write w) {
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return this;
    }

    Proto int64(int field, long value) {
        return write(() -> out.writeInt64(field, value));
    }

    /** int32 and enum fields. */
    Proto int32(int field, int value) {
        return write(() -> out.writeInt32(field, value));
    }

    Proto float32(int field, float value) {
        return write(() -> out.writeFloat(field, value));
    }

    Proto string(int field, String value) {
        return write(() -> out.writeString(field, value));
    }

    Proto bytes(int field, byte[] value) {
        return write(() -> out.writeByteArray(field, value));
    }

    Proto message(int field, Proto message) {
        return bytes(field, message.toByteArray());
    }

    byte[] toByteArray() {
        write(out::flush);
        return buffer.toByteArray();
    }
}
