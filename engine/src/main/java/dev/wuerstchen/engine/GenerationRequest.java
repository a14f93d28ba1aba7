package dev.wuerstchen.engine;

import dev.wuerstchen.api.noise.NoiseSource;
import dev.wuerstchen.scheduler.TimestepSpec;
import dev.wuerstchen.scheduler.ddpm.DdpmWuerstchenScheduler;
import java.util.List;
import java.util.Objects;

/**
 * One text-to-image request. Defaults follow OpenVINO's Würstchen notebook: 1024×1024, prior
 * guidance 4.0 on the default Stage C timesteps, decoder guidance 0 (none) with 12 steps.
 *
 * @param prompts one or more prompts
 * @param negativePrompt used by guidance for every prompt ({@code ""} for none)
 * @param imagesPerPrompt images per prompt
 * @param seed the PyTorch generator seed; the same seed gives the same image as diffusers on CPU
 * @param noise an explicit noise source (replaces the seeded generator), or null
 * @param priorScheduler scheduler id for the prior, or null for the one the model folder names
 * @param decoderScheduler scheduler id for the decoder, or null for the one the model folder names
 */
public record GenerationRequest(List<String> prompts, String negativePrompt, int width, int height, int imagesPerPrompt,
        long seed, TimestepSpec priorTimesteps, TimestepSpec decoderTimesteps, float priorGuidance, float decoderGuidance,
        String priorScheduler, String decoderScheduler, NoiseSource noise) {

    public GenerationRequest {
        prompts = List.copyOf(prompts);
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("a prompt is needed");
        }
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
        Objects.requireNonNull(priorTimesteps, "priorTimesteps");
        Objects.requireNonNull(decoderTimesteps, "decoderTimesteps");
        if (imagesPerPrompt < 1) {
            throw new IllegalArgumentException("images per prompt must be at least 1, got " + imagesPerPrompt);
        }
        if (!(priorGuidance >= 0) || !(decoderGuidance >= 0) || Float.isInfinite(priorGuidance)
                || Float.isInfinite(decoderGuidance)) {
            throw new IllegalArgumentException("guidance scales must be numbers ≥ 0");
        }
    }

    public static Builder builder(String prompt) {
        return new Builder(List.of(prompt));
    }

    /** Optional fields with the notebook's defaults. */
    public static final class Builder {
        private List<String> prompts;
        private String negativePrompt = "";
        private int width = 1024;
        private int height = 1024;
        private int imagesPerPrompt = 1;
        private long seed = 0;
        private TimestepSpec priorTimesteps = DdpmWuerstchenScheduler.DEFAULT_STAGE_C_TIMESTEPS;
        private TimestepSpec decoderTimesteps = TimestepSpec.steps(12);
        private float priorGuidance = 4.0f;
        private float decoderGuidance = 0.0f;
        private String priorScheduler;
        private String decoderScheduler;
        private NoiseSource noise;

        private Builder(List<String> prompts) {
            this.prompts = prompts;
        }

        public Builder prompts(List<String> p) {
            prompts = p;
            return this;
        }

        public Builder negativePrompt(String p) {
            negativePrompt = p;
            return this;
        }

        public Builder size(int w, int h) {
            width = w;
            height = h;
            return this;
        }

        public Builder imagesPerPrompt(int n) {
            imagesPerPrompt = n;
            return this;
        }

        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public Builder priorTimesteps(TimestepSpec t) {
            priorTimesteps = t;
            return this;
        }

        public Builder decoderTimesteps(TimestepSpec t) {
            decoderTimesteps = t;
            return this;
        }

        public Builder priorGuidance(float g) {
            priorGuidance = g;
            return this;
        }

        public Builder decoderGuidance(float g) {
            decoderGuidance = g;
            return this;
        }

        public Builder priorScheduler(String id) {
            priorScheduler = id;
            return this;
        }

        public Builder decoderScheduler(String id) {
            decoderScheduler = id;
            return this;
        }

        public Builder noise(NoiseSource n) {
            noise = n;
            return this;
        }

        public GenerationRequest build() {
            return new GenerationRequest(prompts, negativePrompt, width, height, imagesPerPrompt, seed, priorTimesteps,
                    decoderTimesteps, priorGuidance, decoderGuidance, priorScheduler, decoderScheduler, noise);
        }
    }
}
