package dev.wuerstchen.models.blocks;

/**
 * float32 {@code exp} as PyTorch's vectorised CPU kernel computes it (SLEEF's 1-ulp algorithm:
 * reduction by ln 2 in two parts, a degree-6 polynomial, all with fused multiply-adds). It differs
 * from the correctly rounded value by one ulp for some inputs, and REMB multiplies its result by
 * up to 10000, so the ratio embedding needs PyTorch's exact values (spec 12 reference numbers).
 */
public final class TorchCpuExp {

    private static final float R_LN2 = 1.442695040888963407359924681001892137426645954152985934135449406931f;
    private static final float L2U = 0.693145751953125f;
    private static final float L2L = 1.428606765330187045e-06f;
    private static final float[] POLY = {0.000198527617612853646278381f, 0.00139304355252534151077271f,
        0.00833336077630519866943359f, 0.0416664853692054748535156f, 0.166666671633720397949219f, 0.5f};

    private TorchCpuExp() {
    }

    public static float exp(float d) {
        if (Float.isNaN(d)) {
            return d;
        }
        int q = (int) Math.rint(d * R_LN2);
        float s = Math.fma((float) q, -L2U, d);
        s = Math.fma((float) q, -L2L, s);
        float u = POLY[0];
        for (int i = 1; i < POLY.length; i++) {
            u = Math.fma(u, s, POLY[i]);
        }
        u = 1.0f + Math.fma(s * s, u, s);
        u = Math.scalb(u, q);
        if (d < -104f) {
            return 0f;
        }
        if (d > 100f) {
            return Float.POSITIVE_INFINITY;
        }
        return u;
    }
}
