package dev.wuerstchen.api.ops;

import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.List;

/**
 * The oracle for every backend's {@link Ops}: naive loops over the defining formulas of spec
 * section 3, computed in double and stored as float32. Slow but obviously correct; fine for tiny
 * models and op-sized tests.
 *
 * <p>Shapes are checked on entry by the shared rules of {@link OpShapes} and {@link LayerOpShapes},
 * as in every implementation. Value choices the {@link Ops} Javadoc leaves open:
 * <ul>
 *   <li>attention: a query row whose keys are all masked outputs zeros;</li>
 *   <li>attention: a causal keyPadding must hold exactly 0 or 1;</li>
 *   <li>embedding: ids outside the table give an {@link IllegalArgumentException}.</li>
 * </ul>
 * Tensors from other implementations are rejected: convert them with {@link #of(HostTensor)}.
 */
public final class ReferenceOps implements Ops {

    /** Copies a host tensor into a reference tensor. */
    public static RefTensor of(HostTensor value) {
        return RefTensor.of(value);
    }

    /** Copies a reference tensor's values out. */
    public static HostTensor toHost(Tensor t) {
        return RefTensor.cast("toHost", t).toHost();
    }

    @Override
    public Tensor constant(HostTensor value) {
        return RefTensor.of(value);
    }

    @Override
    public Tensor unary(UnaryFn fn, Tensor x) {
        return RefElementwise.unary(fn, x);
    }

    @Override
    public Tensor binary(BinaryFn fn, Tensor a, Tensor b) {
        return RefElementwise.binary(fn, a, b);
    }

    @Override
    public Tensor affine(Tensor x, float factor, float offset) {
        return RefElementwise.affine(x, factor, offset);
    }

    @Override
    public Tensor leakyRelu(Tensor x, float slope) {
        return RefElementwise.leakyRelu(x, slope);
    }

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        return RefStructure.reshape(x, shape);
    }

    @Override
    public Tensor permute(Tensor x, int... axes) {
        return RefStructure.permute(x, axes);
    }

    @Override
    public Tensor concat(int axis, List<Tensor> parts) {
        return RefStructure.concat(axis, parts);
    }

    @Override
    public Tensor slice(Tensor x, int axis, int start, int end) {
        return RefStructure.slice(x, axis, start, end);
    }

    @Override
    public Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        return RefLinear.linear(x, weight, bias);
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        return RefLinear.matmul(a, b);
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams params) {
        return RefConv.conv2d(x, weight, bias, params);
    }

    @Override
    public Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams params) {
        return RefConv.convTranspose2d(x, weight, bias, params);
    }

    @Override
    public Tensor layerNormChannels(Tensor x, float eps) {
        return RefNorm.layerNormChannels(x, eps);
    }

    @Override
    public Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        return RefNorm.layerNorm(x, gamma, beta, eps);
    }

    @Override
    public Tensor grn(Tensor x, Tensor gamma, Tensor beta, float eps) {
        return RefNorm.grn(x, gamma, beta, eps);
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        return RefNorm.softmax(x, axis);
    }

    @Override
    public Tensor attention(Tensor q, Tensor k, Tensor v, int heads, AttentionMask mask) {
        return RefAttention.attention(q, k, v, heads, mask);
    }

    @Override
    public Tensor pixelShuffle(Tensor x, int r) {
        return RefStructure.pixelShuffle(x, r);
    }

    @Override
    public Tensor pixelUnshuffle(Tensor x, int r) {
        return RefStructure.pixelUnshuffle(x, r);
    }

    @Override
    public Tensor replicationPad(Tensor x, int pad) {
        return RefStructure.replicationPad(x, pad);
    }

    @Override
    public Tensor resizeBicubicAntialias(Tensor x, int outHeight, int outWidth) {
        return RefResize.resizeBicubicAntialias(x, outHeight, outWidth);
    }

    @Override
    public Tensor embedding(Tensor table, Tensor ids) {
        return RefLookup.embedding(table, ids);
    }

    @Override
    public Tensor nearestCode(Tensor x, Tensor codebook) {
        return RefLookup.nearestCode(x, codebook);
    }
}
