package dev.wuerstchen.backend.nd4j;

import dev.wuerstchen.api.ops.BinaryFn;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Layer norms, GRN and softmax composed from ND4J reductions and broadcasts. (libnd4j's layer_norm
 * op takes no epsilon and measured 3e-5 off a 1e-5-epsilon reference, so it is not used.)
 */
final class Normalization {

    private Normalization() {
    }

    /** {@code (x − μ)/√(σ² + eps)} over {@code axis}, biased variance, no affine (spec 3.4). */
    static INDArray normalize(INDArray x, int axis, float eps) {
        try (Scratch s = new Scratch()) {
            INDArray mean = s.add(x.mean(true, axis));
            INDArray centred = Elementwise.binary(BinaryFn.SUB, x, mean, x.shape());
            INDArray variance = s.add(s.add(centred.mul(centred)).mean(true, axis));
            Transforms.sqrt(variance.addi(eps), false);
            return Elementwise.binaryInPlace(BinaryFn.DIV, centred, variance);
        }
    }

    /** Normalises over the last axis, then {@code ·gamma + beta} when they are given. */
    static INDArray layerNorm(INDArray x, INDArray gamma, INDArray beta, float eps) {
        INDArray y = normalize(x, x.rank() - 1, eps);
        if (gamma != null) {
            Elementwise.binaryInPlace(BinaryFn.MUL, y, gamma);
            Elementwise.binaryInPlace(BinaryFn.ADD, y, beta);
        }
        return y;
    }

    /**
     * Global response normalisation on x (B, H, W, C) (spec 3.5), in PyTorch's order:
     * {@code gamma·(x·N) + beta + x} with {@code N = G/(mean_k G + eps)}, {@code G = ‖x[b,:,:,k]‖₂}.
     */
    static INDArray grn(INDArray x, INDArray gamma, INDArray beta, float eps) {
        long channels = x.size(3);
        try (Scratch s = new Scratch()) {
            INDArray g = s.add(x.norm2(true, 1, 2)); // (B, 1, 1, C)
            INDArray meanG = s.add(g.mean(true, 3)).addi(eps); // (B, 1, 1, 1)
            Elementwise.binaryInPlace(BinaryFn.DIV, g, meanG);
            INDArray out = Elementwise.binary(BinaryFn.MUL, x, g, x.shape());
            Elementwise.binaryInPlace(BinaryFn.MUL, out, NdArrays.reshape(gamma, channels));
            Elementwise.binaryInPlace(BinaryFn.ADD, out, NdArrays.reshape(beta, channels));
            return Elementwise.binaryInPlace(BinaryFn.ADD, out, x);
        }
    }

    /** Softmax along {@code axis} (libnd4j subtracts the maximum first). */
    static INDArray softmax(INDArray x, int axis) {
        INDArray out = NdArrays.floats(x.shape());
        Nd4j.exec(new SoftMax(x, out, axis));
        return out;
    }
}
