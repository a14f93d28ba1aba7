package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.error.UnsupportedRequestException;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Copies between host tensors (F32, I64) and OpenVINO tensor memory of the element type a model
 * declares: ids may be i32 or i64, masks f32, activations f32 or f16 (spec wuerstchen §11.1).
 */
final class HostConversion {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED;

    private HostConversion() {
    }

    /** Whether {@code from} host tensors can feed a port of type {@code to}. */
    static boolean supported(DType from, ElementType to) {
        return switch (to) {
            case F32, F16, F64, I64, I32, U8, I8, BOOLEAN -> from == DType.F32 || from == DType.I64;
            default -> false;
        };
    }

    /** Writes {@code src} into {@code dst} as {@code type}; integer targets need integral values. */
    static void write(HostTensor src, ElementType type, MemorySegment dst, String what) {
        long n = src.shape().elementCount();
        if (src.dtype() == DType.F32 && type == ElementType.F32 || src.dtype() == DType.I64 && type == ElementType.I64) {
            MemorySegment.copy(src.segment(), 0, dst, 0, n * src.dtype().byteSize());
            return;
        }
        for (long i = 0; i < n; i++) {
            double v = src.dtype() == DType.F32 ? src.getFloat(i) : src.getLong(i);
            switch (type) {
                case F32 -> dst.setAtIndex(F32, i, (float) v);
                case F64 -> dst.setAtIndex(F64, i, v);
                case F16 -> dst.setAtIndex(F16, i, Float.floatToFloat16((float) v));
                case I64 -> dst.setAtIndex(I64, i, integral(v, Long.MIN_VALUE, Long.MAX_VALUE, what, i));
                case I32 -> dst.setAtIndex(I32, i, (int) integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE, what, i));
                case I8 -> dst.set(ValueLayout.JAVA_BYTE, i, (byte) integral(v, Byte.MIN_VALUE, Byte.MAX_VALUE, what, i));
                case U8, BOOLEAN -> dst.set(ValueLayout.JAVA_BYTE, i, (byte) integral(v, 0, 255, what, i));
                default -> throw new IllegalArgumentException(what + ": element type " + type + " is not supported");
            }
        }
    }

    private static long integral(double v, long min, long max, String what, long index) {
        if (v != Math.rint(v) || v < min || v > max) {
            throw new UnsupportedRequestException(what + ": value " + v + " at index " + index + " does not fit the "
                    + "model's integer input type (whole numbers from " + min + " to " + max + ")",
                    "Pass values in that range (token ids below the vocabulary size, masks of 0 and 1), or use a model "
                            + "whose input has a wider type");
        }
        return (long) v;
    }

    /** Copies tensor memory of {@code type} into a new host tensor: floats as F32, integers as I64. */
    static HostTensor read(MemorySegment data, ElementType type, Shape shape, String what) {
        int n = shape.size();
        switch (type) {
            case F32 -> {
                return HostTensor.of(shape, data.asSlice(0, 4L * n).toArray(F32));
            }
            case I64 -> {
                return HostTensor.of(shape, data.asSlice(0, 8L * n).toArray(I64));
            }
            default -> {
            }
        }
        boolean floating = type == ElementType.F16 || type == ElementType.F64 || type == ElementType.BF16;
        if (floating) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = switch (type) {
                    case F16 -> Float.float16ToFloat(data.getAtIndex(F16, i));
                    case BF16 -> Float.intBitsToFloat((data.getAtIndex(F16, i) & 0xFFFF) << 16);
                    default -> (float) data.getAtIndex(F64, i);
                };
            }
            return HostTensor.of(shape, f);
        }
        long[] l = new long[n];
        for (int i = 0; i < n; i++) {
            l[i] = switch (type) {
                case I32 -> data.getAtIndex(I32, i);
                case I8 -> data.get(ValueLayout.JAVA_BYTE, i);
                case U8, BOOLEAN -> data.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
                default -> throw new IllegalArgumentException(what + ": output element type " + type + " is not supported");
            };
        }
        return HostTensor.of(shape, l);
    }
}
