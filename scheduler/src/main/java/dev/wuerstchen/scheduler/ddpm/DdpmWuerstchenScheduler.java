package dev.wuerstchen.scheduler.ddpm;

import dev.wuerstchen.api.config.SchedulerConfig;
import dev.wuerstchen.api.noise.NoiseSource;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.scheduler.CosineScheduler;
import dev.wuerstchen.scheduler.Linspace;
import dev.wuerstchen.scheduler.StepInputs;
import dev.wuerstchen.scheduler.TimestepSpec;

/**
 * diffusers' {@code DDPMWuerstchenScheduler} (spec 9.2–9.3): ancestral DDPM sampling on the
 * continuous cosine schedule. Step k moves the sample from t = T[k] to t' = T[k+1]:
 * <pre>
 *   ᾱ = ᾱ(t), ᾱ' = ᾱ(t'), α = ᾱ/ᾱ'
 *   μ  = √(1/α) · (x − ((1 − α)·ε) / √(1 − ᾱ))
 *   σ  = √((1 − α)(1 − ᾱ') / (1 − ᾱ))
 *   x' = μ + σ·n·[t' ≠ 0],   n a fresh N(0, I) draw of x's shape
 * </pre>
 * The draw is taken on every step, the last one included (where it is multiplied by 0), because
 * diffusers does so and a shared generator must stay in step with it. Everything is float32 with
 * one rounding per operation in diffusers' order, which is what makes the golden values reproducible.
 */
public final class DdpmWuerstchenScheduler extends CosineScheduler {

    public static final String ID = "ddpm-wuerstchen";

    /**
     * diffusers' {@code DEFAULT_STAGE_C_TIMESTEPS} (spec 9.4): the 20 values of
     * {@code numpy.linspace(1, 2/3, 20)} followed by {@code numpy.linspace(2/3, 0, 11)[1:]}, computed in
     * float64 (30 values, 29 steps). Used only when passed explicitly, as the reference prior pipeline
     * of the golden set does.
     */
    public static final TimestepSpec.Explicit DEFAULT_STAGE_C_TIMESTEPS = defaultStageC();

    public DdpmWuerstchenScheduler(SchedulerConfig config) {
        super(ID, config);
    }

    @Override
    public boolean drawsNoise() {
        return true;
    }

    @Override
    protected HostTensor update(float t, float tPrev, HostTensor modelOutput, HostTensor sample, NoiseSource noise) {
        float alphaCumprod = schedule().alphaCumprod(t);
        float alphaCumprodPrev = schedule().alphaCumprod(tPrev);
        float alpha = alphaCumprod / alphaCumprodPrev;
        float meanScale = (float) Math.sqrt(1f / alpha);
        float oneMinusAlpha = 1f - alpha;
        float noiseScale = (float) Math.sqrt(1f - alphaCumprod);
        float sigma = (float) Math.sqrt(oneMinusAlpha * (1f - alphaCumprodPrev) / (1f - alphaCumprod));
        float keep = tPrev != 0f ? 1f : 0f;

        float[] x = sample.toFloatArray();
        float[] eps = modelOutput.toFloatArray();
        float[] n = StepInputs.draw(ID, noise, sample.shape());
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            float mean = meanScale * (x[i] - oneMinusAlpha * eps[i] / noiseScale);
            out[i] = mean + sigma * n[i] * keep;
        }
        return HostTensor.of(sample.shape(), out);
    }

    private static TimestepSpec.Explicit defaultStageC() {
        double[] first = Linspace.numpyFloat64(1.0, 2.0 / 3.0, 20);
        double[] second = Linspace.numpyFloat64(2.0 / 3.0, 0.0, 11);
        double[] all = new double[first.length + second.length - 1];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 1, all, first.length, second.length - 1);
        return new TimestepSpec.Explicit(all);
    }
}
