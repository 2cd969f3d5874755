package io.github.biattention.deblur.spark;

import ij.ImagePlus;
import java.io.IOException;
import java.lang.ref.SoftReference;

/**
 * The last image read by this executor: the blocks of a split image usually run on the same executors one after
 * another, and each needs the image (a TIFF cannot be read a block at a time here), so it is read once, not once per
 * block. Soft, so memory pressure may drop it.
 */
final class InputCache {

    private static String cachedInput;
    private static SoftReference<ImagePlus> cached = new SoftReference<>(null);

    private InputCache() {}

    @FunctionalInterface
    interface Reader {
        ImagePlus read() throws IOException;
    }

    /**
     * The image of a file, read with {@code reader} unless it is the one kept.
     *
     * @param version the file's name, length and modification time ({@link HadoopFiles#version})
     */
    static synchronized ImagePlus get(String version, Reader reader) throws IOException {
        ImagePlus image = version.equals(cachedInput) ? cached.get() : null;
        if (image == null) {
            image = reader.read();
            cachedInput = version;
            cached = new SoftReference<>(image);
        }
        return image;
    }
}
