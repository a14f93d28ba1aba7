package dev.wuerstchen.api.checkpoint;

/**
 * Conversions between float32 and the two 16-bit float formats stored in checkpoints. Both
 * directions are exact where the target can represent the value; narrowing rounds to nearest, ties
 * to even, and keeps NaN a NaN.
 */
public final class HalfFloats {

    private HalfFloats() {
    }

    /** IEEE binary16 bits to float (exact: every half value is a float). */
    public static float f16ToFloat(short bits) {
        return Float.float16ToFloat(bits);
    }

    /** Float to IEEE binary16 bits, round-to-nearest-even; overflow gives infinity. */
    public static short floatToF16(float value) {
        return Float.floatToFloat16(value);
    }

    /** bfloat16 bits to float: bfloat16 is the upper half of a float32 (exact). */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** Float to bfloat16 bits, round-to-nearest-even; overflow gives infinity. */
    public static short floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            // Truncation could clear every mantissa bit left and turn the NaN into infinity; set the
            // quiet bit so it stays a NaN (sign kept).
            return (short) ((bits >>> 16) | 0x0040);
        }
        // Adding 0x7FFF rounds up exactly when the dropped half is above the midpoint; the extra 1
        // (the lowest kept bit) also rounds the midpoint up when the kept part is odd, giving ties-to-even.
        // A carry into the exponent is correct rounding (up to infinity at the top of the range).
        int lsb = (bits >>> 16) & 1;
        return (short) ((bits + 0x7FFF + lsb) >>> 16);
    }
}
