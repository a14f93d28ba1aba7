package dev.wuerstchen.bench;

import dev.wuerstchen.api.ops.AttentionMask;
import dev.wuerstchen.api.ops.BinaryFn;
import dev.wuerstchen.api.ops.Conv2dParams;
import dev.wuerstchen.api.ops.LayerOpShapes;
import dev.wuerstchen.api.ops.OpShapes;
import dev.wuerstchen.api.ops.Ops;
import dev.wuerstchen.api.ops.Tensor;
import dev.wuerstchen.api.ops.UnaryFn;
import dev.wuerstchen.api.tensor.DType;
import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Ops} that computes nothing: it takes each result's shape from the shared shape rules
 * ({@link OpShapes}, {@link LayerOpShapes}, which also reject what does not fit) and adds the op's
 * FLOPs to a tally. Multiply-add ops count 2 FLOPs per MAC of their main product (bias additions are
 * left out); element-wise ops, norms, softmax and resize count 1 FLOP per output element; pure data
 * movement (reshape, permute, concat, slice, shuffle, pad, lookup) counts 0.
 */
final class CountingOps implements Ops {

    /** A value that is only a shape. */
    record ShapeTensor(Shape shape, DType dtype) implements Tensor {
    }

    private final Map<OpKind, Long> flops = new EnumMap<>(OpKind.class);
    private final Map<OpKind, Long> calls = new EnumMap<>(OpKind.class);

    FlopCount result() {
        return new FlopCount(flops, calls);
    }

    static Tensor of(Shape shape) {
        return new ShapeTensor(shape, DType.F32);
    }

    private void add(OpKind kind, long n) {
        flops.merge(kind, n, Math::addExact);
        calls.merge(kind, 1L, Long::sum);
    }

    private Tensor elementwise(Shape out) {
        add(OpKind.ELEMENTWISE, out.elementCount());
        return of(out);
    }

    // ---------------------------------------------------------------- values and element-wise

    @Override
    public Tensor constant(HostTensor value) {
        return new ShapeTensor(value.shape(), value.dtype());
    }

    @Override
    public Tensor unary(UnaryFn fn, Tensor x) {
        return elementwise(OpShapes.unary(fn, x));
    }

    @Override
    public Tensor binary(BinaryFn fn, Tensor a, Tensor b) {
        return elementwise(OpShapes.binary(fn, a, b));
    }

    @Override
    public Tensor affine(Tensor x, float factor, float offset) {
        return elementwise(OpShapes.affine(x));
    }

    @Override
    public Tensor leakyRelu(Tensor x, float slope) {
        return elementwise(OpShapes.leakyRelu(x));
    }

    // ---------------------------------------------------------------- structure

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        return new ShapeTensor(OpShapes.reshape(x, shape), x.dtype());
    }

    @Override
    public Tensor permute(Tensor x, int... axes) {
        return new ShapeTensor(OpShapes.permute(x, axes), x.dtype());
    }

    @Override
    public Tensor concat(int axis, List<Tensor> parts) {
        return new ShapeTensor(OpShapes.concat(axis, parts), parts.getFirst().dtype());
    }

    @Override
    public Tensor slice(Tensor x, int axis, int start, int end) {
        return new ShapeTensor(OpShapes.slice(x, axis, start, end), x.dtype());
    }

    // ---------------------------------------------------------------- linear algebra

    @Override
    public Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        Shape out = LayerOpShapes.linear(x, weight, bias);
        Shape w = weight.shape();
        long rows = x.shape().elementCount() / w.dim(1);
        add(OpKind.LINEAR, 2 * rows * w.dim(1) * w.dim(0));
        return of(out);
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        Shape out = LayerOpShapes.matmul(a, b);
        Shape sa = a.shape();
        long batch = sa.elementCount() / ((long) sa.dim(-1) * sa.dim(-2));
        add(OpKind.MATMUL, 2 * batch * sa.dim(-2) * sa.dim(-1) * b.shape().dim(-1));
        return of(out);
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams p) {
        Shape out = LayerOpShapes.conv2d(x, weight, bias, p);
        Shape w = weight.shape();
        // every output element is a dot product over (C/groups)·kh·kw inputs
        add(OpKind.CONV2D, 2 * out.elementCount() * w.dim(1) * w.dim(2) * w.dim(3));
        return of(out);
    }

    @Override
    public Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams p) {
        Shape out = LayerOpShapes.convTranspose2d(x, weight, bias, p);
        Shape w = weight.shape();
        // scatter form: every input element meets every (o, ky, kx) once
        add(OpKind.CONV_TRANSPOSE2D, 2 * x.shape().elementCount() * w.dim(1) * w.dim(2) * w.dim(3));
        return of(out);
    }

    // ---------------------------------------------------------------- normalisation

    @Override
    public Tensor layerNormChannels(Tensor x, float eps) {
        return elementwise(LayerOpShapes.layerNormChannels(x));
    }

    @Override
    public Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        return elementwise(LayerOpShapes.layerNorm(x, gamma, beta));
    }

    @Override
    public Tensor grn(Tensor x, Tensor gamma, Tensor beta, float eps) {
        return elementwise(LayerOpShapes.grn(x, gamma, beta));
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        return elementwise(LayerOpShapes.softmax(x, axis));
    }

    // ---------------------------------------------------------------- attention

    @Override
    public Tensor attention(Tensor q, Tensor k, Tensor v, int heads, AttentionMask mask) {
        Shape out = LayerOpShapes.attention(q, k, v, heads, mask);
        long batch = q.shape().dim(0);
        long nq = q.shape().dim(1);
        long nk = k.shape().dim(1);
        long c = q.shape().dim(2);
        // Q·Kᵀ and P·V: each B·heads·Nq·Nk·d = B·Nq·Nk·C multiply-adds
        add(OpKind.ATTENTION, 2 * 2 * batch * nq * nk * c);
        add(OpKind.ELEMENTWISE, batch * heads * nq * nk); // softmax over the scores
        return of(out);
    }

    // ---------------------------------------------------------------- images

    @Override
    public Tensor pixelShuffle(Tensor x, int r) {
        return of(OpShapes.pixelShuffle(x, r));
    }

    @Override
    public Tensor pixelUnshuffle(Tensor x, int r) {
        return of(OpShapes.pixelUnshuffle(x, r));
    }

    @Override
    public Tensor replicationPad(Tensor x, int pad) {
        return of(OpShapes.replicationPad(x, pad));
    }

    @Override
    public Tensor resizeBicubicAntialias(Tensor x, int outHeight, int outWidth) {
        return elementwise(LayerOpShapes.resizeBicubicAntialias(x, outHeight, outWidth));
    }

    // ---------------------------------------------------------------- lookup

    @Override
    public Tensor embedding(Tensor table, Tensor ids) {
        return of(OpShapes.embedding(table, ids));
    }

    @Override
    public Tensor nearestCode(Tensor x, Tensor codebook) {
        Shape out = OpShapes.nearestCode(x, codebook);
        long pixels = out.elementCount() / out.dim(1);
        add(OpKind.MATMUL, 2 * pixels * codebook.shape().dim(0) * codebook.shape().dim(1)); // distances as dot products
        return of(out);
    }
}
