package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.tensor.Shape;
import java.util.Objects;

/** Reference convolutions (spec 3.1, 3.2) written as the defining sums, accumulated in double. */
final class RefConv {

    private RefConv() {
    }

    /**
     * out[b,o,y,x] = bias[o] + Σ_{i,ky,kx} W[o,i,ky,kx]·in[b, g·Cg + i, y·s − p + ky, x·s − p + kx],
     * g = o / (O/groups); reads outside the input are 0.
     */
    static RefTensor conv2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams params) {
        Objects.requireNonNull(params, "conv2d params");
        RefTensor in = RefTensor.f32("conv2d", "x", x);
        RefTensor w = RefTensor.f32("conv2d", "weight", weight);
        Shape xs = in.shape();
        Shape ws = w.shape();
        int g = params.groups();
        if (xs.rank() != 4) {
            throw new ShapeMismatchException("conv2d", "x (B, C, H, W)", "x " + xs);
        }
        int c = xs.dim(1);
        if (ws.rank() != 4 || c % g != 0 || ws.dim(0) % g != 0 || ws.dim(1) != c / g) {
            throw new ShapeMismatchException("conv2d", "weight (O, C/groups, kh, kw) with O divisible by "
                    + g + " groups for x " + xs, "weight " + ws);
        }
        int o = ws.dim(0), kh = ws.dim(2), kw = ws.dim(3), s = params.stride(), p = params.padding();
        int h = xs.dim(2), wd = xs.dim(3);
        int oh = Math.floorDiv(h + 2 * p - kh, s) + 1;
        int ow = Math.floorDiv(wd + 2 * p - kw, s) + 1;
        if (oh < 1 || ow < 1) {
            throw new ShapeMismatchException("conv2d", "a kernel no larger than the padded input of x " + xs
                    + " (padding " + p + ")", "weight " + ws);
        }
        RefTensor b = checkBias("conv2d", bias, o, ws);
        int cg = c / g, og = o / g, batch = xs.dim(0);
        double[] out = new double[batch * o * oh * ow];
        int at = 0;
        for (int n = 0; n < batch; n++) {
            for (int oc = 0; oc < o; oc++) {
                int firstIn = (oc / og) * cg;
                for (int y = 0; y < oh; y++) {
                    for (int xx = 0; xx < ow; xx++) {
                        double sum = b == null ? 0.0 : b.get(oc);
                        for (int i = 0; i < cg; i++) {
                            for (int ky = 0; ky < kh; ky++) {
                                int iy = y * s - p + ky;
                                if (iy < 0 || iy >= h) {
                                    continue;
                                }
                                for (int kx = 0; kx < kw; kx++) {
                                    int ix = xx * s - p + kx;
                                    if (ix < 0 || ix >= wd) {
                                        continue;
                                    }
                                    double wv = w.get(((oc * cg + i) * kh + ky) * kw + kx);
                                    sum += wv * in.get(((n * c + firstIn + i) * h + iy) * wd + ix);
                                }
                            }
                        }
                        out[at++] = sum;
                    }
                }
            }
        }
        return RefTensor.rounded(Shape.of(batch, o, oh, ow), out);
    }

    /**
     * Scatter form of spec 3.2: out[b,o, h·s − p + ky, w·s − p + kx] += W[i,o,ky,kx]·in[b,i,h,w] for
     * every target inside the output, then + bias[o]. Weight (I, O, kh, kw).
     */
    static RefTensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams params) {
        Objects.requireNonNull(params, "convTranspose2d params");
        if (params.groups() != 1) {
            throw new IllegalArgumentException("convTranspose2d: groups = " + params.groups()
                    + " is not supported. Use groups = 1 (the only form in the Würstchen networks).");
        }
        RefTensor in = RefTensor.f32("convTranspose2d", "x", x);
        RefTensor w = RefTensor.f32("convTranspose2d", "weight", weight);
        Shape xs = in.shape();
        Shape ws = w.shape();
        if (xs.rank() != 4) {
            throw new ShapeMismatchException("convTranspose2d", "x (B, I, H, W)", "x " + xs);
        }
        if (ws.rank() != 4 || ws.dim(0) != xs.dim(1)) {
            throw new ShapeMismatchException("convTranspose2d", "weight (" + xs.dim(1) + ", O, kh, kw) for x " + xs,
                    "weight " + ws);
        }
        int ci = xs.dim(1), o = ws.dim(1), kh = ws.dim(2), kw = ws.dim(3);
        int s = params.stride(), p = params.padding(), h = xs.dim(2), wd = xs.dim(3), batch = xs.dim(0);
        int oh = (h - 1) * s - 2 * p + kh;
        int ow = (wd - 1) * s - 2 * p + kw;
        if (oh < 1 || ow < 1) {
            throw new ShapeMismatchException("convTranspose2d", "an output of at least 1×1 for x " + xs
                    + " (stride " + s + ", padding " + p + ")", "weight " + ws);
        }
        RefTensor b = checkBias("convTranspose2d", bias, o, ws);
        double[] out = new double[batch * o * oh * ow];
        for (int n = 0; n < batch; n++) {
            for (int i = 0; i < ci; i++) {
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < wd; xx++) {
                        double v = in.get(((n * ci + i) * h + y) * wd + xx);
                        for (int oc = 0; oc < o; oc++) {
                            for (int ky = 0; ky < kh; ky++) {
                                int ty = y * s - p + ky;
                                if (ty < 0 || ty >= oh) {
                                    continue;
                                }
                                for (int kx = 0; kx < kw; kx++) {
                                    int tx = xx * s - p + kx;
                                    if (tx >= 0 && tx < ow) {
                                        out[((n * o + oc) * oh + ty) * ow + tx] +=
                                                w.get(((i * o + oc) * kh + ky) * kw + kx) * v;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if (b != null) {
            int plane = oh * ow;
            for (int k = 0; k < out.length; k++) {
                out[k] += b.get((k / plane) % o);
            }
        }
        return RefTensor.rounded(Shape.of(batch, o, oh, ow), out);
    }

    private static RefTensor checkBias(String op, Tensor bias, int channels, Shape weightShape) {
        if (bias == null) {
            return null;
        }
        RefTensor b = RefTensor.f32(op, "bias", bias);
        if (!b.shape().equals(Shape.of(channels))) {
            throw new ShapeMismatchException(op, "bias (" + channels + ") for weight " + weightShape,
                    "bias " + b.shape());
        }
        return b;
    }
}
