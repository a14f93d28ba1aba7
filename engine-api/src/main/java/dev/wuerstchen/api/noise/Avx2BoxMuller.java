package dev.wuerstchen.api.noise;

/**
 * The float32 Box–Muller transform of PyTorch's x86-64 CPU {@code randn} (its AVX2 kernel), reproduced
 * operation by operation so that Java draws the same bits.
 *
 * <p>That kernel does not call the C library: it evaluates {@code log} and {@code sin/cos} with the
 * Cephes single-precision polynomials, and the compiler fuses some multiply–add pairs into FMAs.
 * Which pairs are fused was established by comparison with recorded PyTorch draws (58 168 values
 * from the golden reference set, all bit-identical); a plain {@code (float) Math.log/cos/sin}
 * version stays within 3 ulp but is not exact. The polynomial coefficients below are the published
 * Cephes {@code logf}/{@code sinf}/{@code cosf} constants.
 */
final class Avx2BoxMuller {

    private static final float TWO_PI = (float) (2.0 * Math.PI); // the kernel rounds 2π to float first
    private static final float SQRT_HALF = 0.707106781186547524f;

    private static final float[] LOG_POLY = {
        7.0376836292E-2f, -1.1514610310E-1f, 1.1676998740E-1f, -1.2420140846E-1f, 1.4249322787E-1f,
        -1.6668057665E-1f, 2.0000714765E-1f, -2.4999993993E-1f, 3.3333331174E-1f,
    };
    private static final float LN2_LOW = -2.12194440e-4f;
    private static final float LN2_HIGH = 0.693359375f;

    private static final float FOUR_OVER_PI = 1.27323954473516f;
    // π/4 split into three parts for the extended-precision range reduction.
    private static final float PI4_A = -0.78515625f;
    private static final float PI4_B = -2.4187564849853515625e-4f;
    private static final float PI4_C = -3.77489497744594108e-8f;
    private static final float SIN_P0 = -1.9515295891E-4f;
    private static final float SIN_P1 = 8.3321608736E-3f;
    private static final float SIN_P2 = -1.6666654611E-1f;
    private static final float COS_P0 = 2.443315711809948E-005f;
    private static final float COS_P1 = -1.388731625493765E-003f;
    private static final float COS_P2 = 4.166664568298827E-002f;

    private Avx2BoxMuller() {
    }

    /**
     * Turns the 16 uniforms {@code data[at..at+15]} into 16 standard normals in place: for j = 0..7,
     * u1 = 1 − U[j], u2 = U[8+j], ρ = √(−2 ln u1), θ = 2π·u2, out[j] = ρ cos θ, out[8+j] = ρ sin θ.
     */
    static void transform16(float[] data, int at) {
        float[] sinCos = new float[2];
        for (int j = 0; j < 8; j++) {
            float u1 = 1f - data[at + j];
            float u2 = data[at + 8 + j];
            float radius = (float) Math.sqrt(-2f * log(u1)); // float sqrt is correctly rounded either way
            float theta = TWO_PI * u2;
            sinCos(theta, sinCos);
            data[at + j] = radius * sinCos[1];
            data[at + 8 + j] = radius * sinCos[0];
        }
    }

    /** Natural log for the kernel's inputs (0 < x ≤ 1, all normal floats). */
    static float log(float x) {
        int bits = Float.floatToRawIntBits(Math.max(x, Float.MIN_NORMAL));
        float e = (float) ((bits >>> 23) - 0x7f) + 1f;
        // Mantissa scaled to [0.5, 1).
        float m = Float.intBitsToFloat((bits & ~0x7f800000) | Float.floatToRawIntBits(0.5f));
        if (m < SQRT_HALF) {
            e -= 1f;
            m = (m - 1f) + m;
        } else {
            m = m - 1f;
        }
        float z = m * m;
        float y = LOG_POLY[0];
        for (int i = 1; i < LOG_POLY.length; i++) {
            y = Math.fma(y, m, LOG_POLY[i]);
        }
        y = y * m;
        y = Math.fma(y, z, e * LN2_LOW);
        y = Math.fma(-z, 0.5f, y);
        return Math.fma(e, LN2_HIGH, m + y);
    }

    /** Writes sin θ to {@code out[0]} and cos θ to {@code out[1]}, for 0 ≤ θ < 8192. */
    static void sinCos(float theta, float[] out) {
        float x = Math.abs(theta);
        int octant = ((int) (x * FOUR_OVER_PI) + 1) & ~1;
        float y = octant;
        boolean sinNegative = (theta < 0) != ((octant & 4) != 0);
        boolean cosNegative = ((octant - 2) & 4) == 0;
        boolean swap = (octant & 2) != 0;

        x = Math.fma(y, PI4_A, x);
        x = Math.fma(y, PI4_B, x);
        x = Math.fma(y, PI4_C, x);
        float z = x * x;

        float cosPoly = Math.fma(Math.fma(COS_P0, z, COS_P1), z, COS_P2) * z;
        cosPoly = Math.fma(cosPoly, z, -(z * 0.5f)) + 1f;
        float sinPoly = Math.fma(Math.fma(SIN_P0, z, SIN_P1), z, SIN_P2) * z;
        sinPoly = Math.fma(sinPoly, x, x);

        // The kernel selects by masking and adding +0, which turns a -0 into +0 before the sign flip.
        float sin = (swap ? cosPoly : sinPoly) + 0f;
        float cos = (swap ? sinPoly : cosPoly) + 0f;
        out[0] = sinNegative ? -sin : sin;
        out[1] = cosNegative ? -cos : cos;
    }
}
