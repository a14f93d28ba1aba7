package dev.wuerstchen.scheduler.ddim;

import dev.wuerstchen.api.config.SchedulerConfig;
import dev.wuerstchen.api.noise.NoiseSource;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.scheduler.CosineScheduler;

/**
 * Deterministic DDIM sampling (η = 0) on the Würstchen cosine schedule. Step k moves the sample from
 * t = T[k] to t' = T[k+1] by estimating the clean sample and re-noising it with the model's own
 * noise estimate:
 * <pre>
 *   ᾱ = ᾱ(t), ᾱ' = ᾱ(t')
 *   x₀ = (x − √(1 − ᾱ)·ε) / √ᾱ
 *   x' = √ᾱ'·x₀ + √(1 − ᾱ')·ε
 * </pre>
 * No noise is drawn, so a run depends only on the initial latents; it tolerates few steps better than
 * ancestral DDPM. ᾱ is the same float32 schedule as {@code DdpmWuerstchenScheduler} (so ᾱ(0) = 0.9999
 * and the last step keeps 1% of ε, like DDPM's last mean); the per-element arithmetic is in double
 * and rounded once. Not part of the reference pipelines: there is no diffusers result to match.
 */
public final class DdimScheduler extends CosineScheduler {

    public static final String ID = "ddim";

    public DdimScheduler(SchedulerConfig config) {
        super(ID, config);
    }

    @Override
    public boolean drawsNoise() {
        return false;
    }

    @Override
    protected HostTensor update(float t, float tPrev, HostTensor modelOutput, HostTensor sample, NoiseSource noise) {
        double alphaCumprod = schedule().alphaCumprod(t);
        double alphaCumprodPrev = schedule().alphaCumprod(tPrev);
        double signal = Math.sqrt(alphaCumprod);
        double noiseLevel = Math.sqrt(1 - alphaCumprod);
        double signalPrev = Math.sqrt(alphaCumprodPrev);
        double noiseLevelPrev = Math.sqrt(1 - alphaCumprodPrev);

        float[] x = sample.toFloatArray();
        float[] eps = modelOutput.toFloatArray();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double x0 = (x[i] - noiseLevel * eps[i]) / signal;
            out[i] = (float) (signalPrev * x0 + noiseLevelPrev * eps[i]);
        }
        return HostTensor.of(sample.shape(), out);
    }
}
