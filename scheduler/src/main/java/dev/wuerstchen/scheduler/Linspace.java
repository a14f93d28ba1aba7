package dev.wuerstchen.scheduler;

/**
 * Evenly spaced timesteps with the exact rounding of the libraries the reference pipelines use, so a
 * Java run evaluates the networks at bit-identical ratios.
 */
public final class Linspace {

    private Linspace() {
    }

    /**
     * {@code torch.linspace(start, end, steps)} in float32 as current PyTorch computes it on x86-64
     * CPUs: with {@code step = (end − start)/(steps − 1)} and {@code halfway = steps/2}, entry i is
     * {@code start + step·i} below halfway and {@code end − step·(steps − 1 − i)} from there on, each
     * evaluated with one fused multiply–add (the compiler contracts the C++ expression). Plain
     * multiply-then-add differs by an ulp at some positions (8 of 101 for linspace(0, 1, 101)); so did
     * the vectorised kernel of PyTorch 1.x (which gave 0.49999994 instead of 0.5 at index 30 of
     * linspace(1, 0, 61)).
     */
    public static float[] torchFloat32(float start, float end, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("linspace: steps must be ≥ 1, got " + steps + ".");
        }
        float[] out = new float[steps];
        if (steps == 1) {
            out[0] = start;
            return out;
        }
        float step = (end - start) / (float) (steps - 1);
        int halfway = steps / 2;
        for (int i = 0; i < steps; i++) {
            out[i] = i < halfway ? Math.fma(step, (float) i, start) : Math.fma(-step, (float) (steps - 1 - i), end);
        }
        return out;
    }

    /**
     * {@code numpy.linspace(start, stop, num)} in float64: {@code start + i·step} with the last value
     * set to {@code stop} exactly.
     */
    public static double[] numpyFloat64(double start, double stop, int num) {
        if (num < 1) {
            throw new IllegalArgumentException("linspace: num must be ≥ 1, got " + num + ".");
        }
        double[] out = new double[num];
        if (num == 1) {
            out[0] = start;
            return out;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            out[i] = i * step + start;
        }
        out[num - 1] = stop;
        return out;
    }
}
