package io.github.biattention.deblur.fiji;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import io.github.biattention.deblur.data.Noise;
import io.github.biattention.deblur.data.Plane;
import io.github.biattention.deblur.data.ProceduralImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.SplittableRandom;

/** Tiny sharp and blurred test images written with ImageJ 1.x (PNG for RGB, TIFF for 16-bit). */
public final class PairImages {

    private PairImages() {}

    /** A seeded RGB pattern (stripes and noise), Gaussian-blurred with {@code sigma} (0: sharp), saved as PNG. */
    public static Path rgb(Path file, int w, int h, long seed, double sigma) {
        ColorProcessor cp = new ColorProcessor(w, h);
        Random random = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x / 3) % 2 == 0 ? 220 : 40;
                int g = 60 + random.nextInt(120);
                int b = (y / 4) % 2 == 0 ? 200 : 30;
                cp.set(x, y, (r << 16) | (g << 8) | b);
            }
        }
        blur(cp, sigma);
        save(new ImagePlus("rgb", cp), file, true);
        return file;
    }

    /** A seeded 16-bit pattern around 1000-3000, Gaussian-blurred with {@code sigma} (0: sharp), saved as TIFF. */
    public static Path grey16(Path file, int w, int h, long seed, double sigma) {
        ShortProcessor sp = new ShortProcessor(w, h);
        Random random = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                sp.set(x, y, ((x / 3 + y / 5) % 2 == 0 ? 3000 : 1000) + random.nextInt(200));
            }
        }
        blur(sp, sigma);
        save(new ImagePlus("grey", sp), file, false);
        return file;
    }

    /**
     * {@code count} procedural sharp images ({@link ProceduralImages}) as 16-bit TIFFs {@code i.tif} in
     * {@code sharpDir}, and the same Gaussian-blurred with {@code sigma} and with shot noise of {@code photons} at
     * white, under the same names in {@code blurredDir}: a fixed degradation that a tiny network measurably learns to
     * undo within a few dozen steps.
     */
    public static void procedural(Path sharpDir, Path blurredDir, int count, int size, long seed, double sigma,
            double photons) {
        ProceduralImages source = new ProceduralImages();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            float[] px = source.crop(random, size).pixels();
            FloatProcessor blurred = new FloatProcessor(size, size, px.clone());
            blur(blurred, sigma);
            float[] noisy = Noise.poissonGaussian(new Plane(size, size, (float[]) blurred.getPixels()), photons, 0,
                    random).pixels();
            save(new ImagePlus("sharp", sixteenBit(px, size)), sharpDir.resolve(i + ".tif"), false);
            save(new ImagePlus("blurred", sixteenBit(noisy, size)), blurredDir.resolve(i + ".tif"), false);
        }
    }

    /** [0, 1] to 1000..51000, clipped. */
    private static ShortProcessor sixteenBit(float[] px, int size) {
        ShortProcessor sp = new ShortProcessor(size, size);
        for (int p = 0; p < px.length; p++) {
            sp.set(p, (int) Math.round(1000 + 50000 * Math.min(1.3, Math.max(0, px[p]))));
        }
        return sp;
    }

    private static void blur(ImageProcessor ip, double sigma) {
        if (sigma > 0) {
            ip.blurGaussian(sigma);
        }
    }

    private static void save(ImagePlus image, Path file, boolean png) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FileSaver saver = new FileSaver(image);
        if (!(png ? saver.saveAsPng(file.toString()) : saver.saveAsTiff(file.toString()))) {
            throw new IllegalStateException("cannot write " + file);
        }
    }
}
