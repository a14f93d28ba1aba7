package dev.wuerstchen.engine.pipeline;

import dev.wuerstchen.api.tensor.HostTensor;

/** Classifier-free guidance (spec 10.1 step 5): active only when the scale is above 1. */
public final class Guidance {

    private Guidance() {
    }

    public static boolean active(float scale) {
        return scale > 1f;
    }

    /**
     * {@code lerp(uncond, cond, w) = uncond + w·(cond − uncond)}, rounded as PyTorch's CPU kernel
     * does: a fused multiply-add from the nearer end ({@code |w| < 0.5}: from uncond, else from cond).
     */
    public static HostTensor lerp(HostTensor uncond, HostTensor cond, float w) {
        if (!uncond.shape().equals(cond.shape())) {
            throw new IllegalArgumentException("guidance halves differ: " + uncond.shape() + " vs " + cond.shape());
        }
        float[] u = uncond.toFloatArray();
        float[] c = cond.toFloatArray();
        float[] out = new float[u.length];
        boolean small = Math.abs(w) < 0.5f;
        for (int i = 0; i < u.length; i++) {
            float diff = c[i] - u[i];
            out[i] = small ? Math.fma(w, diff, u[i]) : Math.fma(w - 1f, diff, c[i]);
        }
        return HostTensor.of(uncond.shape(), out);
    }

    /** Splits a guidance batch into its conditional (first) and unconditional (second) halves and combines them. */
    public static HostTensor combine(HostTensor batched, float w) {
        int n = batched.shape().dim(0) / 2;
        return lerp(batched.sliceBatch(n, 2 * n), batched.sliceBatch(0, n), w);
    }
}
