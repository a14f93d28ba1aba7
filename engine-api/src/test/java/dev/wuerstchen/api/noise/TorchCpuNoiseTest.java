package dev.wuerstchen.api.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import org.junit.jupiter.api.Test;

/**
 * Values from PyTorch: the spec's test vectors (10.4) and, for the paths the golden set does not
 * exercise (fewer than 16 values, the double-precision cache across calls, negative seeds),
 * {@code torch.randn} output of PyTorch 1.13.1 (Debian's python3-torch on x86-64), whose kernels for
 * these paths are the same as in current releases.
 */
class TorchCpuNoiseTest {

    /** Max ulp distance tolerated against PyTorch; see TorchCpuNoiseGoldenTest for what is reached. */
    private static final long MAX_ULP = 2;

    @Test
    void specVectorsSeed1() {
        float[] v = new TorchCpuNoise(1).next(Shape.of(1, 16, 24, 24)).toFloatArray();
        assertEquals(9216, v.length);
        assertClose(new float[] {-1.5255959f, -0.7502318f, -0.6539809f, -1.6094848f, -0.1001672f, -0.6091889f,
            -0.9797723f, -1.6090963f}, slice(v, 0, 8));
        assertClose(new float[] {1.6961393f, -0.3254919f, -0.3017238f, 0.8791555f}, slice(v, 9212, 9216));
    }

    @Test
    void specVectorsSeed42() {
        float[] v = new TorchCpuNoise(42).nextFloats(512);
        assertClose(new float[] {1.9269153f, 1.4872841f, 0.9007172f, -2.1055210f}, slice(v, 0, 4));
    }

    @Test
    void fewerThan16ValuesUseTheDoublePathAndItsCacheAcrossCalls() {
        // g = manual_seed(7); randn(3); randn(1); randn(16); randn(5)
        TorchCpuNoise g = new TorchCpuNoise(7);
        assertUlp(new float[] {-0.1467951f, 0.7861413f, 0.94682163f}, g.nextFloats(3));
        assertUlp(new float[] {-1.114344f}, g.nextFloats(1)); // the sine half cached by the previous call
        assertUlp(new float[] {-0.17643793f, 1.7501724f, 1.9300169f, 0.9861118f, 0.60947347f, -0.5811338f,
            0.049043868f, -0.32047692f, -0.9370839f, 0.86493945f, -0.36918038f, 0.79294366f, -0.5519405f,
            0.35274902f, -1.0842019f, -0.8874901f}, g.nextFloats(16));
        assertUlp(new float[] {0.1373241f, 0.24054612f, 1.3954508f, 1.3470227f, 2.438208f}, g.nextFloats(5));
    }

    @Test
    void aSizeThatIsNotAMultipleOf16RedrawsTheLastBlock() {
        // g = manual_seed(3); randn(17); randn(2)
        TorchCpuNoise g = new TorchCpuNoise(3);
        assertUlp(new float[] {-0.076644294f, 0.93112445f, -0.514462f, -1.6516654f, 1.0460228f, 0.522187f,
            -0.16680916f, 0.0530334f, 0.40460715f, 2.2565572f, 1.8692601f, -1.1952343f, 0.9979224f, 0.45918044f,
            2.436397f, -0.14680818f, 0.485114f}, g.nextFloats(17));
        assertUlp(new float[] {-0.21620859f, 0.13265114f}, g.nextFloats(2));
    }

    @Test
    void negativeSeedsUseTheirLow32Bits() {
        // manual_seed(-1) seeds the engine with 0xFFFFFFFF
        assertUlp(new float[] {1.219763f, -0.39297947f, 1.0230751f, -0.37342113f}, new TorchCpuNoise(-1).nextFloats(4));
        assertArrayEquals(new TorchCpuNoise(0xFFFFFFFFL).nextFloats(40), new TorchCpuNoise(-1).nextFloats(40));
    }

    @Test
    void stateCarriesOverBetweenCalls() {
        TorchCpuNoise g = new TorchCpuNoise(11);
        float[] first = g.nextFloats(32);
        float[] second = g.nextFloats(32);
        float[] together = new TorchCpuNoise(11).nextFloats(64);
        // 64 values in one call consume the same 64 uniforms in the same 16-blocks as two calls of 32.
        assertArrayEquals(together, concat(first, second));
    }

    @Test
    void shapesAndEmptyDraws() {
        TorchCpuNoise g = new TorchCpuNoise(5);
        HostTensor t = g.next(Shape.of(2, 3, 4));
        assertEquals(Shape.of(2, 3, 4), t.shape());
        assertEquals(0, g.next(Shape.of(0, 4)).toFloatArray().length);
        // An empty draw consumes nothing: the stream continues as if it had not happened.
        TorchCpuNoise h = new TorchCpuNoise(5);
        h.nextFloats(24);
        assertArrayEquals(h.nextFloats(16), g.nextFloats(16));
        assertThrows(IllegalArgumentException.class, () -> g.nextFloats(-1));
    }

    @Test
    void drawsLookStandardNormal() {
        float[] v = new TorchCpuNoise(2024).nextFloats(1 << 16);
        double sum = 0;
        double sq = 0;
        for (float f : v) {
            assertTrue(Float.isFinite(f));
            sum += f;
            sq += (double) f * f;
        }
        double mean = sum / v.length;
        double var = sq / v.length - mean * mean;
        assertEquals(0.0, mean, 0.02);
        assertEquals(1.0, var, 0.02);
    }

    private static void assertClose(float[] expected, float[] actual) {
        // The spec prints 8 significant digits.
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6f * Math.max(1f, Math.abs(expected[i])), "value " + i);
        }
    }

    private static void assertUlp(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            long d = GoldenTensors.ulpDistance(expected[i], actual[i]);
            assertTrue(d <= MAX_ULP, "value " + i + ": expected " + expected[i] + " got " + actual[i] + " (" + d + " ulp)");
        }
    }

    private static float[] slice(float[] v, int from, int to) {
        return java.util.Arrays.copyOfRange(v, from, to);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
