package io.github.biattention.deblur.imagej;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import io.github.biattention.deblur.data.ChannelImage;
import io.github.biattention.deblur.data.ChannelImageReader;
import io.github.biattention.deblur.files.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Image files, and ImageJ 1.x images, as {@link ChannelImage}s for evaluation: 8-bit as one channel of range 255,
 * 16-bit as one channel of range 65535, RGB (and indexed colour, through its colour table) as three channels of
 * range 255, 32-bit as one channel of range 1 (values must lie in [0, 1], as scikit-image assumes for floats). Only
 * single-plane images: a stack has no single score.
 */
public final class ChannelImages {

    /** Reads files with ImageJ 1.x ({@link #read}). */
    public static final ChannelImageReader READER = ChannelImages::read;

    private ChannelImages() {}

    /**
     * @throws IOException when the file is missing or unreadable, or its image is not convertible (see {@link #of})
     */
    public static ChannelImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Cannot read " + file + ": no such file");
        }
        ImagePlus image = ImageFiles.read(file);
        try {
            return of(image);
        } catch (IllegalArgumentException e) {
            throw new IOException(file.getFileName() + ": " + e.getMessage(), e);
        } finally {
            image.flush();
        }
    }

    /**
     * The pixels of a single-plane image, copied.
     *
     * @throws IllegalArgumentException for a stack, or a 32-bit image with values outside [0, 1] or not finite
     */
    public static ChannelImage of(ImagePlus image) {
        if (image.getStackSize() != 1) {
            throw new IllegalArgumentException("Expected a single image, not a stack of " + image.getStackSize()
                    + " planes");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        ImageProcessor ip = image.getProcessor();
        switch (image.getType()) {
            case ImagePlus.GRAY8:
                return grey(ip, w, h, 255, true);
            case ImagePlus.GRAY16:
                return grey(ip, w, h, 65535, true);
            case ImagePlus.GRAY32: {
                ChannelImage grey = grey(ip, w, h, 1, false);
                for (float v : grey.channels()[0]) {
                    if (!(v >= 0 && v <= 1)) {
                        throw new IllegalArgumentException("A 32-bit image must hold values in [0, 1] (data range 1)"
                                + " to be scored; found " + v);
                    }
                }
                return grey;
            }
            case ImagePlus.COLOR_RGB:
            case ImagePlus.COLOR_256: {
                ColorProcessor rgb = (ColorProcessor) ip.convertToRGB();
                byte[][] bytes = {new byte[w * h], new byte[w * h], new byte[w * h]};
                rgb.getRGB(bytes[0], bytes[1], bytes[2]);
                float[][] channels = new float[3][w * h];
                for (int c = 0; c < 3; c++) {
                    for (int i = 0; i < w * h; i++) {
                        channels[c][i] = bytes[c][i] & 0xff;
                    }
                }
                return new ChannelImage(w, h, channels, 255, true);
            }
            default:
                throw new IllegalArgumentException("Unsupported image type " + image.getType());
        }
    }

    private static ChannelImage grey(ImageProcessor ip, int w, int h, double range, boolean integral) {
        float[] pixels = new float[w * h];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = ip.getf(i);
        }
        return new ChannelImage(w, h, new float[][] {pixels}, range, integral);
    }
}
