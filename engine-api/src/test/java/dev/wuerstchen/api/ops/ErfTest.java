package dev.wuerstchen.api.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** {@link Erf} against values from mpmath (30 digits) and against a 50-digit Taylor series. */
class ErfTest {

    @Test
    void erfAtKnownPoints() {
        // mpmath.erf at 30 significant digits, rounded to 20.
        assertEquals(0.1124629160182848984, Erf.erf(0.1), 1e-15);
        assertEquals(0.52049987781304653768, Erf.erf(0.5), 1e-15);
        assertEquals(0.84270079294971486934, Erf.erf(1.0), 1e-15);
        assertEquals(0.96610514647531072707, Erf.erf(1.5), 1e-15);
        assertEquals(0.99532226501895273416, Erf.erf(2.0), 1e-15);
        assertEquals(0.99997790950300141456, Erf.erf(3.0), 1e-15);
        assertEquals(-0.32862675945912741619, Erf.erf(-0.3), 1e-15);
        assertEquals(0.0, Erf.erf(0.0));
        assertEquals(1.0, Erf.erf(30.0));
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
    }

    @Test
    void erfcKeepsRelativeAccuracyInTheTail() {
        assertRelative(2.2090496998585441373e-5, Erf.erfc(3.0), 1e-14);
        assertRelative(1.5374597944280348502e-12, Erf.erfc(5.0), 1e-14);
        assertRelative(2.088487583762544757e-45, Erf.erfc(10.0), 1e-14);
        assertRelative(5.3958656116079009289e-176, Erf.erfc(20.0), 1e-14);
        assertEquals(2.0 - 2.2090496998585441373e-5, Erf.erfc(-3.0), 1e-15);
        assertEquals(1.0, Erf.erfc(0.0));
        assertEquals(0.0, Erf.erfc(40.0));
    }

    @Test
    void erfMatchesTaylorSeriesOnAGrid() {
        for (int k = -96; k <= 96; k++) {
            double x = k / 32.0 + 0.0011 * Integer.signum(k);
            assertEquals(seriesErf(x), Erf.erf(x), 1e-15, "erf(" + x + ")");
        }
    }

    private static void assertRelative(double expected, double actual, double tol) {
        assertTrue(Math.abs(actual - expected) <= tol * Math.abs(expected),
                "expected " + expected + " but got " + actual);
    }

    /** erf(x) = 2/√π · Σ (−1)ⁿ x^(2n+1) / (n!·(2n+1)), in 50-digit decimal arithmetic. */
    private static double seriesErf(double xd) {
        MathContext mc = new MathContext(50);
        BigDecimal pi = new BigDecimal("3.14159265358979323846264338327950288419716939937510");
        BigDecimal x = new BigDecimal(xd);
        BigDecimal x2 = x.multiply(x, mc);
        BigDecimal power = x; // (−1)ⁿ x^(2n+1) / n!
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal eps = new BigDecimal("1e-45");
        for (int n = 0; n < 500; n++) {
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * n + 1), mc);
            sum = sum.add(term, mc);
            if (term.abs().compareTo(eps) < 0) {
                break;
            }
            power = power.multiply(x2, mc).divide(BigDecimal.valueOf(n + 1), mc).negate();
        }
        return sum.multiply(BigDecimal.valueOf(2), mc).divide(pi.sqrt(mc), mc).doubleValue();
    }
}
