package dev.wuerstchen.api.ops;

/**
 * Stride, zero padding (on all four sides) and group count of a 2-D convolution. Transposed
 * convolutions use the same record with {@code groups == 1}.
 */
public record Conv2dParams(int stride, int padding, int groups) {

    public static final Conv2dParams DEFAULT = new Conv2dParams(1, 0, 1);

    public Conv2dParams {
        if (stride < 1 || padding < 0 || groups < 1) {
            throw new IllegalArgumentException("conv params stride=" + stride + " padding=" + padding
                    + " groups=" + groups + " are out of range");
        }
    }

    public static Conv2dParams of(int stride, int padding) {
        return new Conv2dParams(stride, padding, 1);
    }

    /** Depthwise: one group per channel. */
    public static Conv2dParams depthwise(int channels, int padding) {
        return new Conv2dParams(1, padding, channels);
    }
}
