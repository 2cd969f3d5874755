package io.github.biattention.deblur.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Sizes of the image formats other than TIFF (PNG, JPEG, GIF, BMP), read from their headers before any pixel is
 * decoded, and the JPEGs ImageJ cannot decode (CMYK).
 */
final class ImageHeaders {

    private ImageHeaders() {}

    /**
     * @throws IOException naming the file when it declares more pixels than the budget or is a CMYK JPEG; files
     *     that no Java reader recognises pass (ImageJ's own readers say more)
     */
    static void check(Path file, ImageBudget budget) throws IOException {
        if (isJpeg(file) && jpegComponents(file) == 4) {
            throw new IOException(file + " is a CMYK JPEG, which ImageJ cannot read: save it as RGB (e.g. JPEG or"
                    + " PNG from an image editor)");
        }
        try (ImageInputStream stream = ImageIO.createImageInputStream(file.toFile())) {
            if (stream == null) {
                return;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                return;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width < 1 || height < 1) {
                    throw new IOException(file + " has no pixels (" + width + "x" + height + ")");
                }
                // Up to 3 colour samples a pixel: the budget of an RGB image.
                budget.check(file, TiffHeaders.saturatedMultiply(width * height, 3), width + "x" + height
                        + " pixels");
            } catch (IOException | RuntimeException e) {
                if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                    throw e;
                }
                // A header the reader cannot parse: leave the diagnosis to ImageJ's reader.
            } finally {
                reader.dispose();
            }
        }
    }

    private static boolean isJpeg(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(2);
            return b.length == 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8;
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        for (long left = n; left > 0; left--) {
            if (in.read() < 0) {
                throw new java.io.EOFException();
            }
        }
    }

    /** The number of colour components in a JPEG's frame header (SOFn), or 0 when there is none. */
    static int jpegComponents(Path file) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            skip(in, 2);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return 0;
                }
                if (b != 0xff) {
                    continue;
                }
                int marker = in.read();
                while (marker == 0xff) {
                    marker = in.read();
                }
                if (marker < 0 || marker == 0xd9 || marker == 0xda) {
                    return 0; // end of image, or start of scan without a frame header
                }
                if (marker == 0x01 || marker >= 0xd0 && marker <= 0xd7) {
                    continue; // markers without a length
                }
                int length = (in.read() << 8) | in.read();
                if (length < 2) {
                    return 0;
                }
                boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8
                        && marker != 0xcc;
                if (frame) {
                    skip(in, 5); // precision, height, width
                    return in.read();
                }
                skip(in, length - 2);
            }
        } catch (java.io.EOFException e) {
            return 0;
        }
    }
}
