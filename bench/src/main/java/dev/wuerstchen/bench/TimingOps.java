package dev.wuerstchen.bench;

import dev.wuerstchen.api.ops.AttentionMask;
import dev.wuerstchen.api.ops.BinaryFn;
import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.ops.UnaryFn;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Wraps an eager {@link Ops} and adds the wall time of every call to a tally keyed by op (and, for
 * convolutions and attention, by their shape class). Only meaningful for backends that compute
 * each op when it is called; a graph backend would time its recording.
 */
final class TimingOps implements Ops {

    /** Calls and nanoseconds of one key. */
    static final class Tally {
        long calls;
        long nanos;
    }

    private final Ops inner;
    private final Map<String, Tally> tallies = new TreeMap<>();

    TimingOps(Ops inner) {
        this.inner = inner;
    }

    Map<String, Tally> tallies() {
        return tallies;
    }

    private <T> T time(String key, Supplier<T> op) {
        long t0 = System.nanoTime();
        T result = op.get();
        Tally t = tallies.computeIfAbsent(key, k -> new Tally());
        t.calls++;
        t.nanos += System.nanoTime() - t0;
        return result;
    }

    @Override
    public Tensor constant(HostTensor value) {
        return time("constant", () -> inner.constant(value));
    }

    @Override
    public Tensor unary(UnaryFn fn, Tensor x) {
        return time("unary " + fn.name().toLowerCase(Locale.ROOT), () -> inner.unary(fn, x));
    }

    @Override
    public Tensor binary(BinaryFn fn, Tensor a, Tensor b) {
        return time("binary " + fn.name().toLowerCase(Locale.ROOT), () -> inner.binary(fn, a, b));
    }

    @Override
    public Tensor affine(Tensor x, float factor, float offset) {
        return time("affine", () -> inner.affine(x, factor, offset));
    }

    @Override
    public Tensor leakyRelu(Tensor x, float slope) {
        return time("leakyRelu", () -> inner.leakyRelu(x, slope));
    }

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        return time("reshape", () -> inner.reshape(x, shape));
    }

    @Override
    public Tensor permute(Tensor x, int... axes) {
        return time("permute", () -> inner.permute(x, axes));
    }

    @Override
    public Tensor concat(int axis, List<Tensor> parts) {
        return time("concat", () -> inner.concat(axis, parts));
    }

    @Override
    public Tensor slice(Tensor x, int axis, int start, int end) {
        return time("slice", () -> inner.slice(x, axis, start, end));
    }

    @Override
    public Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        return time("linear", () -> inner.linear(x, weight, bias));
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        return time("matmul", () -> inner.matmul(a, b));
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams params) {
        Shape w = weight.shape();
        String kind = params.groups() > 1 ? "depthwise " : "";
        return time("conv2d " + kind + w.dim(2) + "x" + w.dim(3), () -> inner.conv2d(x, weight, bias, params));
    }

    @Override
    public Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams params) {
        return time("convTranspose2d", () -> inner.convTranspose2d(x, weight, bias, params));
    }

    @Override
    public Tensor layerNormChannels(Tensor x, float eps) {
        return time("layerNormChannels", () -> inner.layerNormChannels(x, eps));
    }

    @Override
    public Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        return time("layerNorm", () -> inner.layerNorm(x, gamma, beta, eps));
    }

    @Override
    public Tensor grn(Tensor x, Tensor gamma, Tensor beta, float eps) {
        return time("grn", () -> inner.grn(x, gamma, beta, eps));
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        return time("softmax", () -> inner.softmax(x, axis));
    }

    @Override
    public Tensor attention(Tensor q, Tensor k, Tensor v, int heads, AttentionMask mask) {
        return time("attention Nq=" + q.shape().dim(1), () -> inner.attention(q, k, v, heads, mask));
    }

    @Override
    public Tensor pixelShuffle(Tensor x, int r) {
        return time("pixelShuffle", () -> inner.pixelShuffle(x, r));
    }

    @Override
    public Tensor pixelUnshuffle(Tensor x, int r) {
        return time("pixelUnshuffle", () -> inner.pixelUnshuffle(x, r));
    }

    @Override
    public Tensor replicationPad(Tensor x, int pad) {
        return time("replicationPad", () -> inner.replicationPad(x, pad));
    }

    @Override
    public Tensor resizeBicubicAntialias(Tensor x, int outHeight, int outWidth) {
        return time("resizeBicubicAntialias", () -> inner.resizeBicubicAntialias(x, outHeight, outWidth));
    }

    @Override
    public Tensor embedding(Tensor table, Tensor ids) {
        return time("embedding", () -> inner.embedding(table, ids));
    }

    @Override
    public Tensor nearestCode(Tensor x, Tensor codebook) {
        return time("nearestCode", () -> inner.nearestCode(x, codebook));
    }
}
