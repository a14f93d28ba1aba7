package dev.wuerstchen.engine.image;

import dev.wuerstchen.engine.pipeline.Images;

/** Image compositions for comparisons: panels side by side, and amplified differences. */
public final class Panels {

    /** Pixels between panels. */
    static final int GAP = 8;

    private Panels() {
    }

    /** The images left to right on a white background, top-aligned. */
    public static Images.Rgb8 sideBySide(Images.Rgb8... panels) {
        int width = GAP * (panels.length - 1);
        int height = 0;
        for (Images.Rgb8 p : panels) {
            width += p.width();
            height = Math.max(height, p.height());
        }
        byte[] rgb = new byte[width * height * 3];
        java.util.Arrays.fill(rgb, (byte) 0xFF);
        int x0 = 0;
        for (Images.Rgb8 p : panels) {
            for (int y = 0; y < p.height(); y++) {
                System.arraycopy(p.rgb(), y * p.width() * 3, rgb, (y * width + x0) * 3, p.width() * 3);
            }
            x0 += p.width() + GAP;
        }
        return new Images.Rgb8(width, height, rgb);
    }

    /** {@code min(255, gain·|a − b|)} per channel; the images must have the same size. */
    public static Images.Rgb8 difference(Images.Rgb8 a, Images.Rgb8 b, int gain) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("images differ in size: " + a.width() + "x" + a.height() + " and "
                    + b.width() + "x" + b.height());
        }
        byte[] out = new byte[a.rgb().length];
        for (int i = 0; i < out.length; i++) {
            int d = Math.abs((a.rgb()[i] & 0xFF) - (b.rgb()[i] & 0xFF));
            out[i] = (byte) Math.min(255, d * gain);
        }
        return new Images.Rgb8(a.width(), a.height(), out);
    }
}
