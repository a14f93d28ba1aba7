package dev.wuerstchen.scheduler;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.noise.NoiseSource;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Objects;

/** Argument checks and timestep lists shared by the samplers. */
public final class StepInputs {

    private StepInputs() {
    }

    /** Checks the arguments of {@link SchedulerRun#step}. */
    public static void check(String scheduler, Timesteps timesteps, int index, HostTensor modelOutput, HostTensor sample) {
        Objects.requireNonNull(modelOutput, "modelOutput");
        Objects.requireNonNull(sample, "sample");
        if (index < 0 || index >= timesteps.steps()) {
            throw new IllegalArgumentException(scheduler + ": step index " + index + " is outside 0.." + (timesteps.steps() - 1)
                    + " for " + timesteps.steps() + " steps. Pass the index of the timestep the model was evaluated at.");
        }
        requireF32(scheduler, "sample", sample);
        requireF32(scheduler, "model output", modelOutput);
        if (!modelOutput.shape().equals(sample.shape())) {
            throw new ShapeMismatchException(scheduler + " step", "a model output of the sample's shape " + sample.shape(),
                    modelOutput.shape().toString());
        }
    }

    /** One draw of {@code shape}, checked (a noise source is user code). */
    public static float[] draw(String scheduler, NoiseSource noise, Shape shape) {
        Objects.requireNonNull(noise, "noise");
        HostTensor n = noise.next(shape);
        if (n == null || n.dtype() != DType.F32 || !n.shape().equals(shape)) {
            throw new ShapeMismatchException(scheduler + " noise draw", "an F32 tensor of shape " + shape,
                    n == null ? "null" : n.dtype() + " " + n.shape());
        }
        return n.toFloatArray();
    }

    /**
     * The diffusers default spacing for {@code n} model evaluations: {@code torch.linspace(1, 0, n + 1)}
     * in float32 (spec 9.2).
     */
    public static Timesteps linspaceFromOne(int n) {
        return new Timesteps(Linspace.torchFloat32(1f, 0f, n + 1));
    }

    /**
     * An explicit ratio list cast to float32 as {@code torch.Tensor(list)} does, checked to lie in
     * [0, 1] and to decrease strictly.
     */
    public static Timesteps explicit(String scheduler, double[] values) {
        float[] t = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            t[i] = (float) values[i];
            if (!(t[i] >= 0f && t[i] <= 1f)) {
                throw new IllegalArgumentException(scheduler + ": timestep " + values[i] + " at position " + i
                        + " is outside [0, 1]. Ratios run from 1 (pure noise) to 0 (clean).");
            }
            if (i > 0 && !(t[i] < t[i - 1])) {
                throw new IllegalArgumentException(scheduler + ": timesteps must decrease strictly, but position " + i
                        + " (" + t[i] + ") follows " + t[i - 1] + ". List them from noisy to clean.");
            }
        }
        return new Timesteps(t);
    }

    public static Timesteps timesteps(String scheduler, TimestepSpec spec) {
        return switch (Objects.requireNonNull(spec, "spec")) {
            case TimestepSpec.StepCount c -> linspaceFromOne(c.steps());
            case TimestepSpec.Explicit e -> explicit(scheduler, e.values());
        };
    }

    private static void requireF32(String scheduler, String what, HostTensor t) {
        if (t.dtype() != DType.F32) {
            throw new IllegalArgumentException(scheduler + ": the " + what + " is " + t.dtype() + " " + t.shape()
                    + ", not F32. Samplers work on float32 tensors.");
        }
    }
}
