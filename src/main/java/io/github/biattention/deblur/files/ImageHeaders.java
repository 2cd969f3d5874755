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
        try {
            withReader(file, reader -> {
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width < 1 || height < 1) {
                    throw new IOException(file + " has no pixels (" + width + "x" + height + ")");
                }
                // Up to 3 colour samples a pixel: the budget of an RGB image; an animated GIF is a stack of frames.
                int frames = "gif".equalsIgnoreCase(reader.getFormatName()) ? Math.max(1, reader.getNumImages(true))
                        : 1;
                budget.check(file, TiffHeaders.saturatedMultiply(TiffHeaders.saturatedMultiply(width * height, 3),
                        frames), width + "x" + height + " pixels" + (frames > 1 ? " x " + frames + " frames" : ""));
                return null;
            });
        } catch (IOException | RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            // A header the reader cannot parse: leave the diagnosis to ImageJ's reader.
        }
    }

    /** What is done with a Java image reader positioned on a file. */
    @FunctionalInterface
    private interface ReaderWork<T> {
        T apply(ImageReader reader) throws IOException;
    }

    /**
     * Runs {@code work} with the first Java image reader that recognises the file (not seek-forward-only, so a
     * GIF's frames can be counted), and disposes of it.
     *
     * @return null when no reader recognises the file
     */
    private static <T> T withReader(Path file, ReaderWork<T> work) throws IOException {
        try (ImageInputStream stream = ImageIO.createImageInputStream(file.toFile())) {
            if (stream == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, false, true);
                return work.apply(reader);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * A PNG, GIF or BMP with an alpha channel, read without it: ImageJ would composite it onto white. Grey + alpha
     * becomes grey (8 or 16-bit), RGBA becomes RGB (8-bit) or three 16-bit channels.
     *
     * @return null when the file has no alpha channel (ImageJ reads it as it is)
     */
    static ij.ImagePlus readWithoutAlpha(Path file) throws IOException {
        return withReader(file, reader -> {
            javax.imageio.ImageTypeSpecifier type = reader.getRawImageType(0);
            if (type == null || !type.getColorModel().hasAlpha() || type.getColorModel()
                    instanceof java.awt.image.IndexColorModel) {
                return null;
            }
            java.awt.image.Raster raster = reader.read(0).getRaster(); // bands: colours, then alpha
            int w = raster.getWidth();
            int h = raster.getHeight();
            int bands = raster.getNumBands();
            int bits = raster.getSampleModel().getSampleSize(0);
            String title = file.getFileName().toString();
            if (bands == 2) {
                ij.process.ImageProcessor grey = bits > 8 ? new ij.process.ShortProcessor(w, h)
                        : new ij.process.ByteProcessor(w, h);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        grey.set(x, y, raster.getSample(x, y, 0));
                    }
                }
                return new ij.ImagePlus(title, grey);
            }
            if (bands == 4 && bits <= 8) {
                ij.process.ColorProcessor rgb = new ij.process.ColorProcessor(w, h);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        rgb.set(x, y, raster.getSample(x, y, 0) << 16 | raster.getSample(x, y, 1) << 8
                                | raster.getSample(x, y, 2));
                    }
                }
                return new ij.ImagePlus(title, rgb);
            }
            if (bands == 4) {
                ij.ImageStack stack = new ij.ImageStack(w, h);
                for (int b = 0; b < 3; b++) {
                    ij.process.ShortProcessor channel = new ij.process.ShortProcessor(w, h);
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            channel.set(x, y, raster.getSample(x, y, b));
                        }
                    }
                    stack.addSlice(channel);
                }
                ij.ImagePlus image = new ij.ImagePlus(title, stack);
                image.setDimensions(3, 1, 1);
                return new ij.CompositeImage(image, ij.CompositeImage.COMPOSITE);
            }
            return null;
        });
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
