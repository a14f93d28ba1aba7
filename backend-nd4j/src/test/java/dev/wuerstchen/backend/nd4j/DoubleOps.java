package dev.wuerstchen.backend.nd4j;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Independent double-precision definitions of the ops, written directly from spec section 3 with
 * plain loops (no ND4J, nothing shared with the backend). Stopgap until the shared
 * {@code ReferenceOps} of engine-api's test-jar lands.
 */
final class DoubleOps {

    private DoubleOps() {
    }

    /** erf by its Maclaurin series (|x| < 3) or continued fraction of erfc; error well below 1e-14. */
    static double erf(double x) {
        double a = Math.abs(x);
        double r;
        if (a < 3) {
            double term = a;
            double sum = a;
            for (int n = 1; n < 200; n++) {
                term *= -a * a / n;
                sum += term / (2 * n + 1);
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            double f = 0;
            for (int k = 80; k >= 1; k--) {
                f = k / 2.0 / (a + f);
            }
            r = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / (a + f);
        }
        return x < 0 ? -r : r;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static DTensor map(DTensor x, DoubleUnaryOperator f) {
        double[] o = new double[x.v().length];
        for (int i = 0; i < o.length; i++) {
            o[i] = f.applyAsDouble(x.v()[i]);
        }
        return new DTensor(x.shape(), o);
    }

    /** NumPy broadcasting by explicit index arithmetic. */
    static DTensor broadcast(DTensor a, DTensor b, DoubleBinaryOperator f) {
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.shape()[i - rank + a.rank()];
            int db = i < rank - b.rank() ? 1 : b.shape()[i - rank + b.rank()];
            out[i] = Math.max(da, db);
        }
        DTensor o = DTensor.zeros(out);
        for (int f0 = 0; f0 < o.v().length; f0++) {
            int[] idx = o.unravel(f0);
            o.v()[f0] = f.applyAsDouble(a.v()[pick(a, idx)], b.v()[pick(b, idx)]);
        }
        return o;
    }

    private static int pick(DTensor t, int[] outIdx) {
        int off = outIdx.length - t.rank();
        int f = 0;
        for (int i = 0; i < t.rank(); i++) {
            int d = t.shape()[i];
            f = f * d + (d == 1 ? 0 : outIdx[off + i]);
        }
        return f;
    }

    static DTensor permute(DTensor x, int... axes) {
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = x.shape()[axes[i]];
        }
        DTensor o = DTensor.zeros(out);
        for (int f = 0; f < o.v().length; f++) {
            int[] idx = o.unravel(f);
            int[] src = new int[axes.length];
            for (int i = 0; i < axes.length; i++) {
                src[axes[i]] = idx[i];
            }
            o.v()[f] = x.at(src);
        }
        return o;
    }

    /** x (..., in)·Wᵀ + b. */
    static DTensor linear(DTensor x, DTensor w, DTensor b) {
        int in = w.dim(1);
        int out = w.dim(0);
        int rows = x.v().length / in;
        int[] shape = x.shape().clone();
        shape[shape.length - 1] = out;
        DTensor o = DTensor.zeros(shape);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < out; j++) {
                double s = b == null ? 0 : b.v()[j];
                for (int k = 0; k < in; k++) {
                    s += x.v()[r * in + k] * w.v()[j * in + k];
                }
                o.v()[r * out + j] = s;
            }
        }
        return o;
    }

    /** Cross-correlation with zero padding and groups (spec 3.1). */
    static DTensor conv2d(DTensor x, DTensor w, DTensor bias, int stride, int pad, int groups) {
        int bN = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int o = w.dim(0), kh = w.dim(2), kw = w.dim(3);
        int inPer = c / groups, outPer = o / groups;
        int oh = (h + 2 * pad - kh) / stride + 1, ow = (wd + 2 * pad - kw) / stride + 1;
        DTensor out = DTensor.zeros(bN, o, oh, ow);
        for (int b = 0; b < bN; b++) {
            for (int oc = 0; oc < o; oc++) {
                int g = oc / outPer;
                for (int y = 0; y < oh; y++) {
                    for (int xx = 0; xx < ow; xx++) {
                        double s = bias == null ? 0 : bias.v()[oc];
                        for (int i = 0; i < inPer; i++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int iy = y * stride - pad + ky, ix = xx * stride - pad + kx;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                        s += w.at(oc, i, ky, kx) * x.at(b, g * inPer + i, iy, ix);
                                    }
                                }
                            }
                        }
                        out.v()[out.flat(b, oc, y, xx)] = s;
                    }
                }
            }
        }
        return out;
    }

    /** Transposed convolution in its scatter form (spec 3.2); weight (I, O, kh, kw). */
    static DTensor convTranspose2d(DTensor x, DTensor w, DTensor bias, int stride, int pad) {
        int bN = x.dim(0), ci = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int co = w.dim(1), kh = w.dim(2), kw = w.dim(3);
        int oh = (h - 1) * stride - 2 * pad + kh, ow = (wd - 1) * stride - 2 * pad + kw;
        DTensor out = DTensor.zeros(bN, co, oh, ow);
        for (int b = 0; b < bN; b++) {
            for (int i = 0; i < ci; i++) {
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < wd; xx++) {
                        for (int o = 0; o < co; o++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int ty = y * stride - pad + ky, tx = xx * stride - pad + kx;
                                    if (ty >= 0 && ty < oh && tx >= 0 && tx < ow) {
                                        out.v()[out.flat(b, o, ty, tx)] += w.at(i, o, ky, kx) * x.at(b, i, y, xx);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if (bias != null) {
            for (int f = 0; f < out.v().length; f++) {
                out.v()[f] += bias.v()[out.unravel(f)[1]];
            }
        }
        return out;
    }

    /** Normalises every vector along {@code axis}: biased variance, eps inside the root. */
    static DTensor layerNorm(DTensor x, int axis, double eps) {
        int n = x.dim(axis);
        int stride = x.strides()[axis];
        DTensor o = DTensor.zeros(x.shape());
        for (int f = 0; f < x.v().length; f++) {
            if (x.unravel(f)[axis] != 0) {
                continue;
            }
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x.v()[f + i * stride];
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                double d = x.v()[f + i * stride] - mean;
                var += d * d;
            }
            var /= n;
            for (int i = 0; i < n; i++) {
                o.v()[f + i * stride] = (x.v()[f + i * stride] - mean) / Math.sqrt(var + eps);
            }
        }
        return o;
    }

    /** GRN on (B, H, W, C) (spec 3.5). */
    static DTensor grn(DTensor x, DTensor gamma, DTensor beta, double eps) {
        int bN = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
        DTensor o = DTensor.zeros(x.shape());
        for (int b = 0; b < bN; b++) {
            double[] g = new double[c];
            double mean = 0;
            for (int k = 0; k < c; k++) {
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < w; xx++) {
                        g[k] += x.at(b, y, xx, k) * x.at(b, y, xx, k);
                    }
                }
                g[k] = Math.sqrt(g[k]);
                mean += g[k] / c;
            }
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    for (int k = 0; k < c; k++) {
                        double v = x.at(b, y, xx, k);
                        o.v()[o.flat(b, y, xx, k)] = gamma.v()[k] * (v * g[k] / (mean + eps)) + beta.v()[k] + v;
                    }
                }
            }
        }
        return o;
    }

    static DTensor softmax(DTensor x, int axis) {
        int n = x.dim(axis);
        int stride = x.strides()[axis];
        DTensor o = DTensor.zeros(x.shape());
        for (int f = 0; f < x.v().length; f++) {
            if (x.unravel(f)[axis] != 0) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, x.v()[f + i * stride]);
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += Math.exp(x.v()[f + i * stride] - max);
            }
            for (int i = 0; i < n; i++) {
                o.v()[f + i * stride] = Math.exp(x.v()[f + i * stride] - max) / sum;
            }
        }
        return o;
    }

    /**
     * Attention per (batch, head, query); {@code causal} hides keys j > i, {@code padding} (B, Nk) or
     * null hides keys whose entry is 0; a query with no visible key gets 0.
     */
    static DTensor attention(DTensor q, DTensor k, DTensor v, int heads, boolean causal, DTensor padding) {
        int bN = q.dim(0), nq = q.dim(1), nk = k.dim(1), c = q.dim(2), d = c / heads;
        DTensor o = DTensor.zeros(bN, nq, c);
        for (int b = 0; b < bN; b++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < nq; i++) {
                    double[] s = new double[nk];
                    boolean[] ok = new boolean[nk];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < nk; j++) {
                        ok[j] = (!causal || j <= i) && (padding == null || padding.at(b, j) != 0);
                        for (int e = 0; e < d; e++) {
                            s[j] += q.at(b, i, h * d + e) * k.at(b, j, h * d + e);
                        }
                        s[j] /= Math.sqrt(d);
                        if (ok[j]) {
                            max = Math.max(max, s[j]);
                        }
                    }
                    double sum = 0;
                    for (int j = 0; j < nk; j++) {
                        s[j] = ok[j] ? Math.exp(s[j] - max) : 0;
                        sum += s[j];
                    }
                    for (int j = 0; j < nk; j++) {
                        for (int e = 0; e < d; e++) {
                            o.v()[o.flat(b, i, h * d + e)] += sum == 0 ? 0 : s[j] / sum * v.at(b, j, h * d + e);
                        }
                    }
                }
            }
        }
        return o;
    }
}
