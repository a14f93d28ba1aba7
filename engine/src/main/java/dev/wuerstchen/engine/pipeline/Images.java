package dev.wuerstchen.engine.pipeline;

import dev.wuerstchen.api.tensor.HostTensor;
import dev.wuerstchen.api.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/** Conversions from the decoder's float images to 8-bit RGB. */
public final class Images {

    private Images() {
    }

    static HostTensor clamp01(HostTensor t) {
        float[] v = t.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.min(Math.max(v[i], 0f), 1f); // NaN stays NaN, as torch.clamp
        }
        return HostTensor.of(t.shape(), v);
    }

    /** An 8-bit RGB image, rows top to bottom, {@code rgb[(y·width + x)·3 + channel]}. */
    public record Rgb8(int width, int height, byte[] rgb) {
        /** Channel value 0..255 at (x, y). */
        public int value(int x, int y, int channel) {
            return rgb[(y * width + x) * 3 + channel] & 0xFF;
        }
    }

    /**
     * (B, 3, H, W) in [0, 1] → B RGB images: {@code round_half_even(x·255)} in float32, as
     * {@code (images.permute(0,2,3,1).numpy() * 255).round().astype(uint8)}.
     */
    public static List<Rgb8> toRgb8(HostTensor images) {
        Shape s = images.shape();
        int batch = s.dim(0);
        int channels = s.dim(1);
        int h = s.dim(2);
        int w = s.dim(3);
        if (channels != 3) {
            throw new IllegalArgumentException("images must have 3 channels, got " + s);
        }
        float[] v = images.toFloatArray();
        List<Rgb8> out = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            byte[] rgb = new byte[h * w * 3];
            for (int c = 0; c < 3; c++) {
                int base = (b * 3 + c) * h * w;
                for (int i = 0; i < h * w; i++) {
                    float x = v[base + i] * 255f;
                    int q = (int) Math.rint(Float.isNaN(x) ? 0f : x);
                    rgb[i * 3 + c] = (byte) Math.min(Math.max(q, 0), 255);
                }
            }
            out.add(new Rgb8(w, h, rgb));
        }
        return out;
    }
}
