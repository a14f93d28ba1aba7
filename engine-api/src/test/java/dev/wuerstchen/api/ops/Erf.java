package dev.wuerstchen.api.ops;

/**
 * The error function in double precision, accurate to a few ulp, after W. J. Cody's rational
 * Chebyshev approximations (Math. Comp. 23, 1969): one rational function of x² on
 * {@code |x| ≤ 0.46875}, one of {@code |x|} for erfc on {@code (0.46875, 4]} and one of
 * {@code 1/x²} beyond. Short polynomial approximations (Abramowitz–Stegun 7.1.26, error 1.5e-7) are
 * too coarse for an oracle that checks float32 results.
 */
public final class Erf {

    private static final double SMALL_LIMIT = 0.46875;
    private static final double MID_LIMIT = 4.0;
    /** erfc(x) underflows to 0 in double beyond this. */
    private static final double ERFC_ZERO = 26.543;
    private static final double ONE_OVER_SQRT_PI = 0.56418958354775628695;

    // erf(x) = x·P(x²)/Q(x²) on |x| ≤ 0.46875
    private static final double[] A = {
        3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
        3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {
        2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
        2.84423683343917062e03};

    // erfc(x) = exp(−x²)·P(x)/Q(x) on 0.46875 < x ≤ 4
    private static final double[] C = {
        5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
        2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03,
        2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8};
    private static final double[] D = {
        1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
        1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03,
        3.43936767414372164e03, 1.23033935480374942e03};

    // erfc(x) = exp(−x²)/x·(1/√π − R(1/x²)/x²) on x > 4
    private static final double[] P = {
        3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
        1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
    private static final double[] Q = {
        2.56852019228982242e00, 1.87295284992346725e00, 5.27905102951428412e-1,
        6.05183413124413191e-2, 2.33520497626869185e-3};

    private Erf() {
    }

    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double y = Math.abs(x);
        if (y <= SMALL_LIMIT) {
            return x * smallRatio(x * x);
        }
        double tail = erfcPositive(y); // erfc(|x|), accurate relative to itself
        return x > 0 ? (0.5 - tail) + 0.5 : (tail - 0.5) - 0.5;
    }

    /** {@code 1 − erf(x)} without cancellation for large positive x. */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double y = Math.abs(x);
        if (y <= SMALL_LIMIT) {
            return 1.0 - x * smallRatio(x * x);
        }
        double tail = erfcPositive(y);
        return x > 0 ? tail : 2.0 - tail;
    }

    private static double smallRatio(double ysq) {
        double num = A[4] * ysq;
        double den = ysq;
        for (int i = 0; i < 3; i++) {
            num = (num + A[i]) * ysq;
            den = (den + B[i]) * ysq;
        }
        return (num + A[3]) / (den + B[3]);
    }

    /** erfc(y) for y > 0.46875. */
    private static double erfcPositive(double y) {
        double ratio;
        if (y <= MID_LIMIT) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            ratio = (num + C[7]) / (den + D[7]);
        } else {
            if (y >= ERFC_ZERO) {
                return 0.0;
            }
            double z = 1.0 / (y * y);
            double num = P[5] * z;
            double den = z;
            for (int i = 0; i < 4; i++) {
                num = (num + P[i]) * z;
                den = (den + Q[i]) * z;
            }
            ratio = (ONE_OVER_SQRT_PI - z * (num + P[4]) / (den + Q[4])) / y;
        }
        return expMinusSquare(y) * ratio;
    }

    /**
     * exp(−y²) without the rounding error of forming y² first: y = h + t with h a multiple of 1/16,
     * so h² is exact and y² = h² + (y − h)(y + h).
     */
    private static double expMinusSquare(double y) {
        double h = Math.floor(y * 16.0) / 16.0;
        double rest = (y - h) * (y + h);
        return Math.exp(-h * h) * Math.exp(-rest);
    }
}
