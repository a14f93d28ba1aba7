package dev.wuerstchen.api.noise;

import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;

/**
 * The draws of PyTorch's CPU generator: {@code g = torch.Generator().manual_seed(seed)} followed by
 * {@code torch.randn(shape, generator=g)} calls (float32), in the same order, give the same values
 * (spec 10.4). This is what lets a Java run reproduce an image made with diffusers from the same seed.
 *
 * <p>How PyTorch draws, and so this class:
 * <ul>
 *   <li>One MT19937 engine seeded with the low 32 bits of the seed; its state carries over from one
 *       call to the next.
 *   <li>n ≥ 16 values: n float uniforms {@code (x & 0xFFFFFF)·2⁻²⁴}, one engine output each, turned
 *       into normals 16 at a time by Box–Muller ({@link Avx2BoxMuller}, bit-exact with the x86-64
 *       AVX2 kernel). If n is not a multiple of 16, 16 new uniforms overwrite the last 16 positions and
 *       that block is transformed again.
 *   <li>n &lt; 16 values: one at a time in double precision. Each pair of 53-bit uniforms (each from two
 *       engine outputs, the first one high) gives r = √(−2·log1p(−u2)), θ = 2π·u1 and the values
 *       r·cos θ, r·sin θ; the second is kept in the generator for the next such value, even across
 *       calls, as PyTorch does.
 * </ul>
 * PyTorch builds without the AVX2 kernel (for example on ARM) transform with the C library's
 * {@code logf/cosf/sinf} and a differently rounded θ; their draws agree with these only to a few
 * ulp for most values. Not thread-safe: one instance per run, like a {@code torch.Generator}.
 */
public final class TorchCpuNoise implements NoiseSource {

    private static final int BLOCK = 16;

    private final long seed;
    private final Mt19937 engine;
    private boolean hasCachedNormal;
    private double cachedNormal;

    /** A generator in the state of {@code torch.Generator().manual_seed(seed)}. */
    public TorchCpuNoise(long seed) {
        this.seed = seed;
        this.engine = new Mt19937(seed);
    }

    public long seed() {
        return seed;
    }

    @Override
    public HostTensor next(Shape shape) {
        return HostTensor.of(shape, nextFloats(shape.size()));
    }

    /** The next {@code n} standard normals, as {@code torch.randn(n)} would return them. */
    public float[] nextFloats(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("TorchCpuNoise: cannot draw " + n + " values. Ask for 0 or more.");
        }
        float[] out = new float[n];
        if (n < BLOCK) {
            for (int i = 0; i < n; i++) {
                out[i] = (float) nextDoubleNormal();
            }
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[i] = nextFloatUniform();
        }
        for (int at = 0; at + BLOCK <= n; at += BLOCK) {
            Avx2BoxMuller.transform16(out, at);
        }
        if (n % BLOCK != 0) {
            int at = n - BLOCK;
            for (int i = at; i < n; i++) {
                out[i] = nextFloatUniform();
            }
            Avx2BoxMuller.transform16(out, at);
        }
        return out;
    }

    private float nextFloatUniform() {
        return (engine.nextInt() & 0xFFFFFF) * 0x1p-24f;
    }

    private double nextDoubleUniform() {
        long high = Integer.toUnsignedLong(engine.nextInt());
        long low = Integer.toUnsignedLong(engine.nextInt());
        return (((high << 32) | low) & ((1L << 53) - 1)) * 0x1p-53;
    }

    private double nextDoubleNormal() {
        if (hasCachedNormal) {
            hasCachedNormal = false;
            return cachedNormal;
        }
        double u1 = nextDoubleUniform();
        double u2 = nextDoubleUniform();
        double r = Math.sqrt(-2.0 * Math.log1p(-u2));
        double theta = 2.0 * Math.PI * u1;
        cachedNormal = r * Math.sin(theta);
        hasCachedNormal = true;
        return r * Math.cos(theta);
    }
}
