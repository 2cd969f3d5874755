package io.github.biattention.deblur.data;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.SplittableRandom;

/**
 * Writes the bundled sample: a procedural sharp image and its blurred, noisy version (camera-shake kernel, Poisson
 * noise), both 8-bit PNG. Generated, so it can be redistributed freely.
 *
 * <p>Usage: {@code SampleImage OUT_DIR [SEED]} writes {@code sample-sharp.png} and {@code sample-blurred.png}.
 */
public final class SampleImage {

    static final int SIZE = 256;
    static final int KERNEL = 21;

    private SampleImage() {}

    /** The sharp image and its degraded version for a seed. */
    static Plane[] make(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Kernel kernel = BlurKernels.motion(rng.split(), KERNEL);
        Plane sharpWithMargin = new ProceduralImages().crop(rng.split(), SIZE + kernel.size() - 1);
        int m = kernel.size() / 2;
        Plane sharp = sharpWithMargin.crop(m, m, SIZE, SIZE);
        Plane blurred = Noise.poissonGaussian(Convolution.valid(sharpWithMargin, kernel), 1000, 0.002, rng.split());
        return new Plane[] {sharp, blurred};
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path dir = Paths.get(args.length > 0 ? args[0] : ".");
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 2024;
        Files.createDirectories(dir);
        Plane[] planes = make(seed);
        save(planes[0], dir.resolve("sample-sharp.png"));
        save(planes[1], dir.resolve("sample-blurred.png"));
    }

    private static void save(Plane plane, Path path) {
        ByteProcessor bp = new ByteProcessor(plane.width(), plane.height());
        for (int i = 0; i < plane.pixels().length; i++) {
            bp.set(i, (int) Math.round(Math.max(0, Math.min(1, plane.pixels()[i])) * 255));
        }
        if (!new FileSaver(new ImagePlus(path.getFileName().toString(), bp)).saveAsPng(path.toString())) {
            throw new IllegalStateException("cannot write " + path);
        }
    }
}
