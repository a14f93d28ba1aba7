package dev.wuerstchen.backend.nd4j;

/** Oracle definitions of the image, structure and lookup ops (spec 3.6, 3.9; Ops Javadoc). */
final class DoubleImageOps {

    private DoubleImageOps() {
    }

    /** {@code out[b, c, h·r+i, w·r+j] = in[b, c·r²+i·r+j, h, w]}. */
    static DTensor pixelShuffle(DTensor x, int r) {
        int c = x.dim(1) / (r * r);
        DTensor o = DTensor.zeros(x.dim(0), c, x.dim(2) * r, x.dim(3) * r);
        for (int b = 0; b < x.dim(0); b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int h = 0; h < x.dim(2); h++) {
                    for (int w = 0; w < x.dim(3); w++) {
                        for (int i = 0; i < r; i++) {
                            for (int j = 0; j < r; j++) {
                                o.v()[o.flat(b, ch, h * r + i, w * r + j)] = x.at(b, ch * r * r + i * r + j, h, w);
                            }
                        }
                    }
                }
            }
        }
        return o;
    }

    /** {@code out[b, c·r²+i·r+j, h, w] = in[b, c, h·r+i, w·r+j]}. */
    static DTensor pixelUnshuffle(DTensor x, int r) {
        DTensor o = DTensor.zeros(x.dim(0), x.dim(1) * r * r, x.dim(2) / r, x.dim(3) / r);
        for (int f = 0; f < o.v().length; f++) {
            int[] idx = o.unravel(f);
            int c = idx[1] / (r * r), i = idx[1] % (r * r) / r, j = idx[1] % r;
            o.v()[f] = x.at(idx[0], c, idx[2] * r + i, idx[3] * r + j);
        }
        return o;
    }

    /** Reads clamp to the edge. */
    static DTensor replicationPad(DTensor x, int pad) {
        int h = x.dim(2), w = x.dim(3);
        DTensor o = DTensor.zeros(x.dim(0), x.dim(1), h + 2 * pad, w + 2 * pad);
        for (int f = 0; f < o.v().length; f++) {
            int[] idx = o.unravel(f);
            int y = Math.clamp(idx[2] - pad, 0, h - 1), xx = Math.clamp(idx[3] - pad, 0, w - 1);
            o.v()[f] = x.at(idx[0], idx[1], y, xx);
        }
        return o;
    }

    /**
     * The 2-D antialiased bicubic resize as one double sum per output pixel,
     * {@code Σ_p Σ_q Mh[i][p]·Mw[j][q]·x[p][q]}, with the weights of spec 3.9 built here in double.
     */
    static DTensor resize(DTensor x, int outH, int outW) {
        double[][] mh = weights(x.dim(2), outH);
        double[][] mw = weights(x.dim(3), outW);
        DTensor o = DTensor.zeros(x.dim(0), x.dim(1), outH, outW);
        for (int b = 0; b < x.dim(0); b++) {
            for (int c = 0; c < x.dim(1); c++) {
                for (int i = 0; i < outH; i++) {
                    for (int j = 0; j < outW; j++) {
                        double s = 0;
                        for (int p = 0; p < x.dim(2); p++) {
                            for (int q = 0; q < x.dim(3); q++) {
                                s += mh[i][p] * mw[j][q] * x.at(b, c, p, q);
                            }
                        }
                        o.v()[o.flat(b, c, i, j)] = s;
                    }
                }
            }
        }
        return o;
    }

    /** Spec 3.9, written from its pseudo-code. */
    static double[][] weights(int nIn, int nOut) {
        double scale = nOut > 1 ? (nIn - 1.0) / (nOut - 1.0) : 0;
        double support = scale >= 1 ? 2 * scale : 2;
        double inv = scale >= 1 ? 1 / scale : 1;
        double[][] m = new double[nOut][nIn];
        for (int i = 0; i < nOut; i++) {
            double center = scale * (i + 0.5);
            int lo = Math.max((int) (center - support + 0.5), 0);
            int hi = Math.min((int) (center + support + 0.5), nIn);
            double total = 0;
            for (int j = lo; j < hi; j++) {
                m[i][j] = kernel((j - center + 0.5) * inv);
                total += m[i][j];
            }
            for (int j = lo; j < hi; j++) {
                m[i][j] /= total;
            }
        }
        return m;
    }

    private static double kernel(double x) {
        double a = -0.5;
        double t = Math.abs(x);
        if (t < 1) {
            return (a + 2) * t * t * t - (a + 3) * t * t + 1;
        }
        return t < 2 ? a * (t * t * t - 5 * t * t + 8 * t - 4) : 0;
    }

    /** Brute-force nearest codebook row per pixel, first index on ties. */
    static DTensor nearestCode(DTensor x, DTensor codebook) {
        DTensor o = DTensor.zeros(x.shape());
        int c = x.dim(1);
        for (int b = 0; b < x.dim(0); b++) {
            for (int y = 0; y < x.dim(2); y++) {
                for (int xx = 0; xx < x.dim(3); xx++) {
                    int best = -1;
                    double bestD = 0;
                    for (int k = 0; k < codebook.dim(0); k++) {
                        double d = 0;
                        for (int ch = 0; ch < c; ch++) {
                            double diff = x.at(b, ch, y, xx) - codebook.at(k, ch);
                            d += diff * diff;
                        }
                        if (best < 0 || d < bestD) {
                            best = k;
                            bestD = d;
                        }
                    }
                    for (int ch = 0; ch < c; ch++) {
                        o.v()[o.flat(b, ch, y, xx)] = codebook.at(best, ch);
                    }
                }
            }
        }
        return o;
    }

    /** Elements [start, end) along axis. */
    static DTensor slice(DTensor x, int axis, int start, int end) {
        int[] shape = x.shape().clone();
        shape[axis] = end - start;
        DTensor o = DTensor.zeros(shape);
        for (int f = 0; f < o.v().length; f++) {
            int[] idx = o.unravel(f);
            idx[axis] += start;
            o.v()[f] = x.at(idx);
        }
        return o;
    }

    static DTensor concat(int axis, DTensor... parts) {
        int[] shape = parts[0].shape().clone();
        shape[axis] = 0;
        for (DTensor p : parts) {
            shape[axis] += p.dim(axis);
        }
        DTensor o = DTensor.zeros(shape);
        for (int f = 0; f < o.v().length; f++) {
            int[] idx = o.unravel(f);
            int k = 0;
            while (idx[axis] >= parts[k].dim(axis)) {
                idx[axis] -= parts[k].dim(axis);
                k++;
            }
            o.v()[f] = parts[k].at(idx);
        }
        return o;
    }
}
