package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.tensor.Shape;

/** Reference convolutions (spec 3.1, 3.2) written as the defining sums, accumulated in double. */
final class RefConv {

    private RefConv() {
    }

    /**
     * out[b,o,y,x] = bias[o] + Σ_{i,ky,kx} W[o,i,ky,kx]·in[b, g·Cg + i, y·s − p + ky, x·s − p + kx],
     * g = o / (O/groups); reads outside the input are 0.
     */
    static RefTensor conv2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams params) {
        RefTensor in = RefTensor.cast("conv2d", x);
        RefTensor w = RefTensor.cast("conv2d", weight);
        RefTensor b = bias == null ? null : RefTensor.cast("conv2d", bias);
        Shape result = LayerOpShapes.conv2d(in, w, b, params);
        Shape xs = in.shape();
        Shape ws = w.shape();
        int g = params.groups(), c = xs.dim(1);
        int o = ws.dim(0), kh = ws.dim(2), kw = ws.dim(3), s = params.stride(), p = params.padding();
        int h = xs.dim(2), wd = xs.dim(3), oh = result.dim(2), ow = result.dim(3);
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
        return RefTensor.rounded(result, out);
    }

    /**
     * Scatter form of spec 3.2: out[b,o, h·s − p + ky, w·s − p + kx] += W[i,o,ky,kx]·in[b,i,h,w] for
     * every target inside the output, then + bias[o]. Weight (I, O, kh, kw).
     */
    static RefTensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams params) {
        RefTensor in = RefTensor.cast("convTranspose2d", x);
        RefTensor w = RefTensor.cast("convTranspose2d", weight);
        RefTensor b = bias == null ? null : RefTensor.cast("convTranspose2d", bias);
        Shape result = LayerOpShapes.convTranspose2d(in, w, b, params);
        Shape xs = in.shape();
        Shape ws = w.shape();
        int ci = xs.dim(1), o = ws.dim(1), kh = ws.dim(2), kw = ws.dim(3);
        int s = params.stride(), p = params.padding(), h = xs.dim(2), wd = xs.dim(3), batch = xs.dim(0);
        int oh = result.dim(2), ow = result.dim(3);
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
        return RefTensor.rounded(result, out);
    }
}
