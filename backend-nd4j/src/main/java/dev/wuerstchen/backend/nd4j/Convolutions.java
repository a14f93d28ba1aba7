package dev.wuerstchen.backend.nd4j;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Convolutions through libnd4j's conv2d, depthwise_conv2d and deconv2d ops, driven by integer
 * arguments so the PyTorch weight layouts are used as they are (checked against direct loops):
 * {@code [kH, kW, sH, sW, pH, pW, dH, dW, paddingMode, dataFormat, weightFormat]} with padding mode
 * 0 (explicit padding), data format 0 (NCHW) and weight format 1, which means
 * {@code [O, I, kH, kW]} for conv2d, {@code [multiplier, C, kH, kW]} for depthwise_conv2d and
 * {@code [I, O, kH, kW]} for deconv2d (exactly PyTorch's ConvTranspose2d layout).
 */
final class Convolutions {

    private static final int EXPLICIT_PADDING = 0;
    private static final int NCHW = 0;
    private static final int PYTORCH_WEIGHTS = 1;

    private Convolutions() {
    }

    /** Cross-correlation; shapes already checked. {@code bias} may be null. */
    static INDArray conv2d(INDArray x, INDArray w, INDArray bias, int stride, int padding, int groups) {
        long channels = x.size(1);
        if (groups == 1) {
            return run("conv2d", x, w, bias, stride, padding, outShape(x, w.size(0), w, stride, padding));
        }
        if (groups == channels && w.size(0) == channels) {
            // depthwise: PyTorch's [C, 1, kh, kw] has the same memory order as libnd4j's [1, C, kh, kw]
            INDArray dw = NdArrays.reshape(w, 1, channels, w.size(2), w.size(3));
            return run("depthwise_conv2d", x, dw, bias, stride, padding, outShape(x, channels, w, stride, padding));
        }
        return grouped(x, w, bias, stride, padding, groups);
    }

    /** Other group counts: one convolution per group, concatenated along channels. */
    private static INDArray grouped(INDArray x, INDArray w, INDArray bias, int stride, int padding, int groups) {
        long inPer = x.size(1) / groups;
        long outPer = w.size(0) / groups;
        List<INDArray> parts = new ArrayList<>();
        try (Scratch s = new Scratch()) {
            for (int g = 0; g < groups; g++) {
                INDArray xg = s.add(x.get(NDArrayIndex.all(), NDArrayIndex.interval(g * inPer, (g + 1) * inPer)).dup('c'));
                INDArray wg = s.add(w.get(NDArrayIndex.interval(g * outPer, (g + 1) * outPer)).dup('c'));
                INDArray bg = bias == null ? null
                        : NdArrays.reshape(s.add(bias.get(NDArrayIndex.interval(g * outPer, (g + 1) * outPer)).dup('c')), outPer);
                parts.add(s.add(run("conv2d", xg, wg, bg, stride, padding, outShape(xg, outPer, wg, stride, padding))));
            }
            return NdArrays.contiguous(Nd4j.concat(1, parts.toArray(INDArray[]::new)));
        }
    }

    /** Transposed convolution, weight [I, O, kh, kw]; output {@code (H−1)·s − 2p + k}. */
    static INDArray convTranspose2d(INDArray x, INDArray w, INDArray bias, int stride, int padding) {
        long[] out = {x.size(0), w.size(1), (x.size(2) - 1) * stride - 2L * padding + w.size(2),
                (x.size(3) - 1) * stride - 2L * padding + w.size(3)};
        return run("deconv2d", x, w, bias, stride, padding, out);
    }

    /** Output shape of a cross-correlation: {@code floor((H + 2p − k)/s) + 1}. */
    static long[] outShape(INDArray x, long outChannels, INDArray w, int stride, int padding) {
        return new long[] {x.size(0), outChannels, (x.size(2) + 2L * padding - w.size(2)) / stride + 1,
                (x.size(3) + 2L * padding - w.size(3)) / stride + 1};
    }

    private static INDArray run(String opName, INDArray x, INDArray w, INDArray bias, int stride, int padding,
            long[] outShape) {
        INDArray out = NdArrays.floats(outShape);
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder(opName);
        b = bias == null ? b.addInputs(x, w) : b.addInputs(x, w, bias);
        Nd4j.exec(b.addOutputs(out)
                .addIntegerArguments((int) w.size(2), (int) w.size(3), stride, stride, padding, padding, 1, 1, EXPLICIT_PADDING, NCHW,
                        PYTORCH_WEIGHTS)
                .build());
        return out;
    }
}
