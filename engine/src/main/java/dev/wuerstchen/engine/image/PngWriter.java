package dev.wuerstchen.engine.image;

import dev.wuerstchen.api.io.AtomicFiles;
import dev.wuerstchen.engine.pipeline.Images;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes 8-bit RGB PNG files with UTF-8 text chunks (iTXt) for generation settings. Files are written
 * to a temporary name and renamed, so an interrupted run never leaves a partial image.
 */
public final class PngWriter {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PngWriter() {
    }

    /** Writes one image; {@code text} entries become iTXt chunks in iteration order. */
    public static void write(Path file, Images.Rgb8 image, Map<String, String> text) {
        AtomicFiles.writeStream(file, out -> encode(image, text, out));
    }

    /** The PNG bytes of an image. */
    public static byte[] encode(Images.Rgb8 image, Map<String, String> text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            encode(image, text, bytes);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory PNG encoding failed", e);
        }
        return bytes.toByteArray();
    }

    static void encode(Images.Rgb8 image, Map<String, String> text, OutputStream out) throws IOException {
        out.write(SIGNATURE);
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(image.width());
        h.writeInt(image.height());
        h.writeByte(8); // bit depth
        h.writeByte(2); // colour type: truecolour RGB
        h.writeByte(0); // deflate
        h.writeByte(0); // adaptive filtering
        h.writeByte(0); // no interlace
        chunk(out, "IHDR", ihdr.toByteArray());
        for (Map.Entry<String, String> e : text.entrySet()) {
            chunk(out, "iTXt", itxt(e.getKey(), e.getValue()));
        }
        chunk(out, "IDAT", pixels(image));
        chunk(out, "IEND", new byte[0]);
    }

    /** Keyword, null, uncompressed, no language tag, no translated keyword, then UTF-8 text. */
    private static byte[] itxt(String keyword, String value) {
        if (keyword.isEmpty() || keyword.length() > 79) {
            throw new IllegalArgumentException("PNG text keywords are 1 to 79 characters: '" + keyword + "'");
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        b.write(0);
        b.write(0); // compression flag
        b.write(0); // compression method
        b.write(0); // empty language tag
        b.write(0); // empty translated keyword
        b.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    /** Rows with filter type 0, deflated. */
    private static byte[] pixels(Images.Rgb8 image) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(6);
        try (DeflaterOutputStream z = new DeflaterOutputStream(b, deflater, 1 << 16)) {
            int row = image.width() * 3;
            byte[] rgb = image.rgb();
            for (int y = 0; y < image.height(); y++) {
                z.write(0);
                z.write(rgb, y * row, row);
            }
        } finally {
            deflater.end();
        }
        return b.toByteArray();
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
        d.flush();
    }
}
