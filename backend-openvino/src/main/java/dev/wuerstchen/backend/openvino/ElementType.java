package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.tensor.DType;

/**
 * OpenVINO element types, independent of the C enum's numbering (see {@link ElementTypeNumbering}).
 * Names are OpenVINO's lowercase spellings, as used in IR files and property values.
 */
public enum ElementType {
    UNDEFINED("undefined", 0),
    DYNAMIC("dynamic", 0),
    BOOLEAN("boolean", 8),
    BF16("bf16", 16),
    F16("f16", 16),
    F32("f32", 32),
    F64("f64", 64),
    I4("i4", 4),
    I8("i8", 8),
    I16("i16", 16),
    I32("i32", 32),
    I64("i64", 64),
    U1("u1", 1),
    U2("u2", 2),
    U3("u3", 3),
    U4("u4", 4),
    U6("u6", 6),
    U8("u8", 8),
    U16("u16", 16),
    U32("u32", 32),
    U64("u64", 64),
    NF4("nf4", 4),
    F8E4M3("f8e4m3", 8),
    F8E5M2("f8e5m2", 8),
    STRING("string", 0),
    F4E2M1("f4e2m1", 4),
    F8E8M0("f8e8m0", 8);

    private final String ovName;
    private final int bits;

    ElementType(String ovName, int bits) {
        this.ovName = ovName;
        this.bits = bits;
    }

    /** OpenVINO's spelling ({@code f32}, {@code i64}, ...). */
    public String ovName() {
        return ovName;
    }

    /** Bits per element; 0 for types without a fixed size. */
    public int bits() {
        return bits;
    }

    /** Bytes taken by {@code elements} values (sub-byte types packed, rounded up). */
    public long byteSize(long elements) {
        return Math.ceilDiv(Math.multiplyExact(elements, bits), 8);
    }

    /** Whether values of this type are floating-point numbers (f32, f16, bf16, f64 and the small float formats). */
    public boolean isFloatingPoint() {
        return switch (this) {
            case BF16, F16, F32, F64, NF4, F8E4M3, F8E5M2, F4E2M1, F8E8M0 -> true;
            default -> false;
        };
    }

    /** The OpenVINO type of a host tensor element type. */
    public static ElementType of(DType dtype) {
        return switch (dtype) {
            case F32 -> F32;
            case F16 -> F16;
            case BF16 -> BF16;
            case I64 -> I64;
            case I32 -> I32;
            case U8 -> U8;
        };
    }

    @Override
    public String toString() {
        return ovName;
    }
}
