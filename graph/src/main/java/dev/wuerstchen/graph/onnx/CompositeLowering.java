package dev.wuerstchen.graph.onnx;

import static dev.wuerstchen.graph.onnx.OnnxBuilder.attrFloat;
import static dev.wuerstchen.graph.onnx.OnnxBuilder.attrInt;
import static dev.wuerstchen.graph.onnx.OnnxBuilder.attrInts;
import static dev.wuerstchen.graph.onnx.OnnxBuilder.attrString;

import dev.wuerstchen.api.ops.AntialiasBicubicWeights;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.Shape;
import dev.wuerstchen.graph.Value;
import java.util.Arrays;
import java.util.List;

/**
 * The ops that need more than one ONNX operator. Each method documents why it is lowered the way it
 * is; all of them use standard opset-17 operators only.
 */
final class CompositeLowering {

    /**
     * Added to the scores of masked keys. Finite (−∞ would turn a fully masked row into NaN) and so
     * large that exp underflows to exactly 0 for every masked key.
     */
    private static final float MASKED = -1e30f;

    private final OnnxBuilder b;

    CompositeLowering(OnnxBuilder builder) {
        this.b = builder;
    }

    /**
     * LayerNorm over the channel axis of NCHW as the two-pass decomposition
     * {@code d = x − mean(x); d / sqrt(mean(d²) + eps)} with ReduceMean over axis 1: no transposes of
     * the (large) image tensor, numerically the same two-pass form as the reference, and the pattern
     * OpenVINO fuses into its MVN op.
     */
    void layerNormChannels(String x, float eps, String out) {
        String mean = b.op("ReduceMean", List.of(x), attrInts("axes", 1), attrInt("keepdims", 1));
        String d = b.op("Sub", List.of(x, mean));
        String var = b.op("ReduceMean", List.of(b.op("Pow", List.of(d, b.scalar(2f)))), attrInts("axes", 1),
                attrInt("keepdims", 1));
        String std = b.op("Sqrt", List.of(b.op("Add", List.of(var, b.scalar(eps)))));
        b.op("Div", List.of(d, std), out);
    }

    /**
     * LayerNorm over the last axis: LayerNormalization (opset 17). Its scale input is required, so a
     * network without affine parameters gets a constant of ones and no bias. Numerics note: ONNX
     * Runtime's CPU kernel computes the variance in one float32 pass as E[x²] − mean²; a two-pass
     * decomposition would not help there, since its LayerNormFusion turns the decomposition back into
     * this kernel. If a real-size CLIP disagrees with the reference, look here first.
     */
    void layerNormLastAxis(String x, Shape xs, String gamma, String beta, float eps, String out) {
        int d = xs.dim(-1);
        String scale = gamma;
        if (scale == null) {
            float[] ones = new float[d];
            Arrays.fill(ones, 1f);
            scale = b.floats(Shape.of(d), ones);
        }
        List<String> args = beta == null ? List.of(x, scale) : List.of(x, scale, beta);
        b.op("LayerNormalization", args, out, attrInt("axis", -1), attrFloat("epsilon", eps));
    }

    /**
     * GRN on (B, H, W, C) (spec 3.5): {@code G = sqrt(ReduceSumSquare over H, W)},
     * {@code N = G / (ReduceMean_C(G) + eps)}, {@code out = gamma·(x·N) + beta + x}, in the
     * reference's order of operations. gamma and beta are reshaped to (C) unless they already
     * broadcast as (…, 1, C).
     */
    void grn(String x, Shape xs, String gamma, Shape gammaShape, String beta, Shape betaShape, float eps, String out) {
        int c = xs.dim(3);
        String g = b.op("Sqrt", List.of(b.op("ReduceSumSquare", List.of(x), attrInts("axes", 1, 2), attrInt("keepdims", 1))));
        String mean = b.op("ReduceMean", List.of(g), attrInts("axes", 3), attrInt("keepdims", 1));
        String norm = b.op("Div", List.of(g, b.op("Add", List.of(mean, b.scalar(eps)))));
        String scaled = b.op("Mul", List.of(channelVector(gamma, gammaShape, c), b.op("Mul", List.of(x, norm))));
        String shifted = b.op("Add", List.of(scaled, channelVector(beta, betaShape, c)));
        b.op("Add", List.of(shifted, x), out);
    }

    private String channelVector(String v, Shape s, int c) {
        boolean broadcasts = s.rank() >= 1 && s.rank() <= 4 && s.dim(-1) == c && s.elementCount() == c;
        return broadcasts ? v : b.op("Reshape", List.of(v, b.shape(Shape.of(c))));
    }

    /**
     * Multi-head attention as MatMul/Softmax/MatMul over (B, heads, N, d) views. Scores are scaled by
     * {@code d^−½} after the product (the reference's order). Masks are additive: 0 for visible keys,
     * {@link #MASKED} for hidden ones; visibility = causal constant (Nq, Nk) × the (B, Nk) 1/0 key
     * padding. A query row with no visible key is multiplied by 0 after the softmax, which gives the
     * reference's zero row instead of NaN.
     */
    void attention(String q, Shape qs, String k, Shape ks, String v, int heads, boolean causal, String keyPadding,
            String out) {
        int batch = qs.dim(0), nq = qs.dim(1), nk = ks.dim(1), c = qs.dim(2), d = c / heads;
        String qh = b.op("Transpose", List.of(b.op("Reshape", List.of(q, b.shape(Shape.of(batch, nq, heads, d))))),
                attrInts("perm", 0, 2, 1, 3)); // (B, h, Nq, d)
        String kt = b.op("Transpose", List.of(b.op("Reshape", List.of(k, b.shape(Shape.of(batch, nk, heads, d))))),
                attrInts("perm", 0, 2, 3, 1)); // (B, h, d, Nk)
        String vh = b.op("Transpose", List.of(b.op("Reshape", List.of(v, b.shape(Shape.of(batch, nk, heads, d))))),
                attrInts("perm", 0, 2, 1, 3)); // (B, h, Nk, d)
        String scores = b.op("Mul", List.of(b.op("MatMul", List.of(qh, kt)), b.scalar((float) (1.0 / Math.sqrt(d)))));
        String rowVisible = null;
        if (causal && keyPadding == null) {
            // Key 0 is visible to every query, so no row is empty: a constant bias suffices.
            float[] bias = new float[nq * nk];
            for (int i = 0; i < nq; i++) {
                for (int j = i + 1; j < nk; j++) {
                    bias[i * nk + j] = MASKED;
                }
            }
            scores = b.op("Add", List.of(scores, b.floats(Shape.of(nq, nk), bias)));
        } else if (causal) {
            float[] lower = new float[nq * nk];
            for (int i = 0; i < nq; i++) {
                for (int j = 0; j <= Math.min(i, nk - 1); j++) {
                    lower[i * nk + j] = 1f;
                }
            }
            String pad = b.op("Reshape", List.of(keyPadding, b.shape(Shape.of(batch, 1, 1, nk))));
            String visible = b.op("Mul", List.of(b.floats(Shape.of(nq, nk), lower), pad)); // (B, 1, Nq, Nk)
            String bias = b.op("Mul", List.of(b.op("Sub", List.of(visible, b.scalar(1f))), b.scalar(-MASKED)));
            scores = b.op("Add", List.of(scores, bias));
            rowVisible = b.op("ReduceMax", List.of(visible), attrInts("axes", 3), attrInt("keepdims", 1));
        }
        String p = b.op("Softmax", List.of(scores), attrInt("axis", 3));
        if (rowVisible != null) {
            p = b.op("Mul", List.of(p, rowVisible));
        }
        String o = b.op("Transpose", List.of(b.op("MatMul", List.of(p, vh))), attrInts("perm", 0, 2, 1, 3));
        b.op("Reshape", List.of(o, b.shape(qs)), out);
    }

    /**
     * PixelShuffle: out[b, c, h·r+i, w·r+j] = in[b, c·r²+i·r+j, h, w] (spec 3.6), which is exactly
     * DepthToSpace in CRD mode (input channel c·r² + i·r + j). DepthToSpace is float-only in ONNX
     * Runtime, so int64 tensors take the equivalent Reshape (B, C, r, r, H, W) → Transpose
     * (0, 1, 4, 2, 5, 3) → Reshape.
     */
    void pixelShuffle(String x, Value xv, int r, String out) {
        Shape s = xv.shape();
        if (xv.dtype() == DType.F32) {
            b.op("DepthToSpace", List.of(x), out, attrInt("blocksize", r), attrString("mode", "CRD"));
            return;
        }
        int bt = s.dim(0), c = s.dim(1) / (r * r), h = s.dim(2), w = s.dim(3);
        String split = b.op("Reshape", List.of(x, b.shape(Shape.of(bt, c, r, r, h, w))));
        String moved = b.op("Transpose", List.of(split), attrInts("perm", 0, 1, 4, 2, 5, 3));
        b.op("Reshape", List.of(moved, b.shape(Shape.of(bt, c, h * r, w * r))), out);
    }

    /**
     * PixelUnshuffle: out[b, c·r²+i·r+j, h, w] = in[b, c, h·r+i, w·r+j]. SpaceToDepth orders the
     * output channels (i·r+j)·C + c instead, so this is Reshape (B, C, H/r, r, W/r, r) → Transpose
     * (0, 1, 3, 5, 2, 4) → Reshape.
     */
    void pixelUnshuffle(String x, Shape s, int r, String out) {
        int bt = s.dim(0), c = s.dim(1), h = s.dim(2) / r, w = s.dim(3) / r;
        String split = b.op("Reshape", List.of(x, b.shape(Shape.of(bt, c, h, r, w, r))));
        String moved = b.op("Transpose", List.of(split), attrInts("perm", 0, 1, 3, 5, 2, 4));
        b.op("Reshape", List.of(moved, b.shape(Shape.of(bt, c * r * r, h, w))), out);
    }

    /**
     * Antialiased bicubic resize (spec 3.9) is a fixed linear map per axis, so it is two MatMuls with
     * the constant matrices of {@link AntialiasBicubicWeights}: {@code M_h · x} (rows first, as the
     * reference) then {@code · M_wᵀ}. Exact and portable, unlike Resize, whose cubic mode has no
     * antialias in opset 17. An axis whose size does not change is the identity and is skipped.
     */
    void resize(String x, Shape in, Shape outShape, String out) {
        int h = in.dim(2), w = in.dim(3), oh = outShape.dim(2), ow = outShape.dim(3);
        String y = x;
        if (oh != h) {
            float[][] m = AntialiasBicubicWeights.matrix(h, oh); // (oh, h)
            y = b.op("MatMul", List.of(b.floats(Shape.of(oh, h), flatten(m)), y));
        }
        if (ow != w) {
            float[][] m = AntialiasBicubicWeights.matrix(w, ow); // (ow, w), used transposed
            float[] mt = new float[w * ow];
            for (int j = 0; j < ow; j++) {
                for (int i = 0; i < w; i++) {
                    mt[i * ow + j] = m[j][i];
                }
            }
            y = b.op("MatMul", List.of(y, b.floats(Shape.of(w, ow), mt)));
        }
        b.op("Identity", List.of(y), out);
    }

    private static float[] flatten(float[][] m) {
        int cols = m[0].length;
        float[] f = new float[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, f, i * cols, cols);
        }
        return f;
    }

    /**
     * Vector quantisation: squared distances from every pixel vector (N = B·H·W, 1, C) to every code
     * (K, C) as the direct sum of squared differences (not |x|² − 2x·c + |c|², whose cancellation can
     * change which code is nearest), ArgMin over K (select_last_index 0: ties go to the lowest index,
     * as specified), Gather of the winning rows, back to NCHW. Needs N·K·C floats of scratch.
     */
    void nearestCode(String x, Shape xs, String codebook, Shape cs, String out) {
        int bt = xs.dim(0), c = xs.dim(1), h = xs.dim(2), w = xs.dim(3), n = bt * h * w;
        String pixels = b.op("Reshape", List.of(b.op("Transpose", List.of(x), attrInts("perm", 0, 2, 3, 1)),
                b.shape(Shape.of(n, 1, c))));
        String dist = b.op("ReduceSumSquare", List.of(b.op("Sub", List.of(pixels, codebook))), attrInts("axes", 2),
                attrInt("keepdims", 0)); // (N, K)
        String index = b.op("ArgMin", List.of(dist), attrInt("axis", 1), attrInt("keepdims", 0),
                attrInt("select_last_index", 0));
        String rows = b.op("Gather", List.of(codebook, index), attrInt("axis", 0)); // (N, C)
        String nhwc = b.op("Reshape", List.of(rows, b.shape(Shape.of(bt, h, w, c))));
        b.op("Transpose", List.of(nhwc), out, attrInts("perm", 0, 3, 1, 2));
    }
}
