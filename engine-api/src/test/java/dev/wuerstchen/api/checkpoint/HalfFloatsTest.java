package dev.wuerstchen.api.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Half-precision conversions against the IEEE 754 definitions: decoding against the value formula,
 * encoding exhaustively at every rounding midpoint (ties to even), plus the special values.
 */
class HalfFloatsTest {

    /** binary16: 1 sign, 5 exponent (bias 15), 10 mantissa bits. */
    private static double f16Value(int h) {
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        double sign = (h & 0x8000) != 0 ? -1 : 1;
        return exp == 0 ? sign * mant * Math.pow(2, -24) : sign * (1024 + mant) * Math.pow(2, exp - 25);
    }

    /** bfloat16: 1 sign, 8 exponent (bias 127), 7 mantissa bits. */
    private static double bf16Value(int h) {
        int exp = (h >>> 7) & 0xFF;
        int mant = h & 0x7F;
        double sign = (h & 0x8000) != 0 ? -1 : 1;
        return exp == 0 ? sign * mant * Math.pow(2, -133) : sign * (128 + mant) * Math.pow(2, exp - 134);
    }

    @Test
    void decodingMatchesTheFormatDefinitionForEveryFiniteValue() {
        for (int h = 0; h < 0x10000; h++) {
            if (((h >>> 10) & 0x1F) != 0x1F) {
                assertEquals(f16Value(h), HalfFloats.f16ToFloat((short) h), 0.0, Integer.toHexString(h));
            }
            if (((h >>> 7) & 0xFF) != 0xFF) {
                assertEquals(bf16Value(h), HalfFloats.bf16ToFloat((short) h), 0.0, Integer.toHexString(h));
            }
        }
        assertEquals(Math.scalb(1f, -24), HalfFloats.f16ToFloat((short) 0x0001)); // smallest subnormal
        assertEquals(Math.scalb(1f, -133), HalfFloats.bf16ToFloat((short) 0x0001));
    }

    @Test
    void f16EncodingRoundsToNearestEvenAtEveryMidpoint() {
        // above the largest finite half (65504) the next step would be 65536: midpoint 65520 overflows
        checkMidpoints(0x7C00, HalfFloatsTest::f16Value, 65536.0, HalfFloats::floatToF16);
    }

    @Test
    void bf16EncodingRoundsToNearestEvenAtEveryMidpoint() {
        checkMidpoints(0x7F80, HalfFloatsTest::bf16Value, Math.pow(2, 128), HalfFloats::floatToBf16);
    }

    /**
     * For every finite magnitude {@code a} and its successor: the value itself encodes to a, the exact
     * midpoint to whichever of the two is even, and the floats just inside either side to that side.
     */
    private static void checkMidpoints(int infBits, java.util.function.IntToDoubleFunction value, double beyondMax,
            java.util.function.Function<Float, Short> encode) {
        for (int a = 0; a < infBits; a++) {
            double lo = value.applyAsDouble(a);
            double hi = a + 1 == infBits ? beyondMax : value.applyAsDouble(a + 1);
            for (int sign : new int[] {0, 0x8000}) {
                double s = sign == 0 ? 1 : -1;
                float mid = (float) (s * (lo + hi) / 2); // exact: one more significand bit than the half format
                int loBits = sign | a;
                int hiBits = sign | (a + 1);
                String at = Integer.toHexString(loBits);
                assertEquals(loBits, encode.apply((float) (s * lo)) & 0xFFFF, at);
                assertEquals((a & 1) == 0 ? loBits : hiBits, encode.apply(mid) & 0xFFFF, at);
                assertEquals(loBits, encode.apply(Math.nextAfter(mid, 0.0)) & 0xFFFF, at);
                assertEquals(hiBits, encode.apply(Math.nextAfter(mid, s * Double.POSITIVE_INFINITY)) & 0xFFFF, at);
            }
        }
    }

    @Test
    void specialValues() {
        assertEquals(0x0000, HalfFloats.floatToF16(0f) & 0xFFFF);
        assertEquals(0x8000, HalfFloats.floatToF16(-0f) & 0xFFFF);
        assertEquals(0x7C00, HalfFloats.floatToF16(Float.POSITIVE_INFINITY) & 0xFFFF);
        assertEquals(0xFC00, HalfFloats.floatToF16(Float.NEGATIVE_INFINITY) & 0xFFFF);
        assertEquals(0x7C00, HalfFloats.floatToF16(1e6f) & 0xFFFF);
        assertEquals(0x0000, HalfFloats.floatToF16(Float.MIN_VALUE) & 0xFFFF);
        assertEquals(0x8000, HalfFloats.floatToF16(-Float.MIN_VALUE) & 0xFFFF);
        assertEquals(0x3C00, HalfFloats.floatToF16(1f) & 0xFFFF);
        assertEquals(0x3C00, HalfFloats.floatToF16(1f + 0x1p-11f) & 0xFFFF);       // tie, 1.0 is even
        assertEquals(0x3C02, HalfFloats.floatToF16(1f + 3 * 0x1p-11f) & 0xFFFF);   // tie, rounds up to even
        assertTrue(Float.isNaN(HalfFloats.f16ToFloat(HalfFloats.floatToF16(Float.NaN))));
        assertEquals(Float.NEGATIVE_INFINITY, HalfFloats.f16ToFloat((short) 0xFC00));
        assertEquals(-0f, HalfFloats.f16ToFloat((short) 0x8000));
        assertEquals(0x8000_0000, Float.floatToRawIntBits(HalfFloats.f16ToFloat((short) 0x8000)));

        assertEquals(0x0000, HalfFloats.floatToBf16(0f) & 0xFFFF);
        assertEquals(0x8000, HalfFloats.floatToBf16(-0f) & 0xFFFF);
        assertEquals(0x7F80, HalfFloats.floatToBf16(Float.POSITIVE_INFINITY) & 0xFFFF);
        assertEquals(0xFF80, HalfFloats.floatToBf16(Float.NEGATIVE_INFINITY) & 0xFFFF);
        assertEquals(0x7F80, HalfFloats.floatToBf16(Float.MAX_VALUE) & 0xFFFF);     // above max + half ulp
        assertEquals(0x3F80, HalfFloats.floatToBf16(1f) & 0xFFFF);
        assertEquals(0x3F80, HalfFloats.floatToBf16(1f + 0x1p-8f) & 0xFFFF);        // tie, 1.0 is even
        assertEquals(0x3F82, HalfFloats.floatToBf16(1f + 3 * 0x1p-8f) & 0xFFFF);    // tie, up to even
        assertEquals(0x3F81, HalfFloats.floatToBf16(1f + 0x1p-8f + 0x1p-20f) & 0xFFFF);
        assertEquals(0x0000, HalfFloats.floatToBf16(Float.intBitsToFloat(0x0000_8000)) & 0xFFFF); // subnormal tie
        assertEquals(0x0002, HalfFloats.floatToBf16(Float.intBitsToFloat(0x0001_8000)) & 0xFFFF);
        assertEquals(0x0001, HalfFloats.floatToBf16(Float.intBitsToFloat(0x0000_8001)) & 0xFFFF);
        assertEquals(0x7FC0, HalfFloats.floatToBf16(Float.NaN) & 0xFFFF);
        // NaNs whose payload sits only in the dropped low bits must not become infinity
        for (int bits : new int[] {0x7F80_0001, 0xFF80_0001, 0x7F80_FFFF, 0x7FFF_FFFF}) {
            short h = HalfFloats.floatToBf16(Float.intBitsToFloat(bits));
            assertTrue(Float.isNaN(HalfFloats.bf16ToFloat(h)), Integer.toHexString(bits));
            assertEquals(bits >>> 31, (h >>> 15) & 1, "sign of " + Integer.toHexString(bits));
        }
    }
}
