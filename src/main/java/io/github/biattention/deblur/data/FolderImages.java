package io.github.biattention.deblur.data;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;
import io.github.biattention.deblur.files.ImageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Sharp crops from the images in a folder (searched recursively), read once with ImageJ 1.x and
 * kept in memory as grey-level floats in [0, 1]: 8-bit / 255, 16-bit / 65535, RGB and indexed
 * colour as luminance 0.299 R + 0.587 G + 0.114 B, 32-bit scaled min–max per plane. Every slice of
 * a stack is kept; a file is first picked uniformly, then one of its slices. Memory use is 4 bytes
 * per pixel per slice.
 *
 * <p>Each crop picks a random image large enough for it, a random area-averaging downscale factor
 * in [1, maxDownscale] (which also lets photographs look sharper than at full resolution), a
 * random position and one of the 8 flips/90° rotations. Images too small for a requested crop are
 * skipped. No window is ever created, but the caller must set {@code java.awt.headless=true} on
 * headless machines.
 */
public final class FolderImages implements SharpSource {
    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp");

    private final Path folder;
    private final double maxDownscale;
    private final List<Image> images;

    /** Loads every image under {@code folder}, with random downscaling by up to 2 at crop time. */
    public FolderImages(Path folder) {
        this(folder, 2.0);
    }

    /**
     * Loads every image under {@code folder}.
     *
     * @param maxDownscale largest random downscale factor applied at crop time, ≥ 1 (1 disables it)
     * @throws IllegalArgumentException when the folder is not a directory or holds no readable image
     */
    public FolderImages(Path folder, double maxDownscale) {
        if (!(maxDownscale >= 1 && maxDownscale <= 16)) {
            throw new IllegalArgumentException("maxDownscale must be in [1, 16], got " + maxDownscale);
        }
        this.folder = folder;
        this.maxDownscale = maxDownscale;
        List<Image> loaded = new ArrayList<>();
        for (Path p : listImages(folder)) {
            Image img = load(p);
            if (img != null) {
                loaded.add(img);
            }
        }
        if (loaded.isEmpty()) {
            throw new IllegalArgumentException(
                    "no readable image (" + String.join(", ", new java.util.TreeSet<>(EXTENSIONS)) + ") in " + folder);
        }
        this.images = Collections.unmodifiableList(loaded);
    }

    /**
     * The image files under {@code folder} (recursively) with a png, jpg, jpeg, tif, tiff or bmp
     * extension (any case), sorted by path so the order, and hence every crop, is reproducible.
     *
     * @throws IllegalArgumentException when {@code folder} is not a directory
     */
    public static List<Path> listImages(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("not a directory: " + folder);
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> EXTENSIONS.contains(extension(p)))
                    .sorted((a, b) -> a.toString().compareTo(b.toString()))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** Number of image files loaded (unreadable ones excluded). */
    public int size() {
        return images.size();
    }

    /** Number of planes loaded: slices of stacks count separately. */
    public int planeCount() {
        int n = 0;
        for (Image img : images) {
            n += img.slices.length;
        }
        return n;
    }

    /** The folder this source was read from. */
    public Path folder() {
        return folder;
    }

    /**
     * @throws IllegalArgumentException when no loaded image is at least {@code size × size}
     */
    @Override
    public Plane crop(SplittableRandom rng, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("crop size must be positive, got " + size);
        }
        int candidates = 0;
        for (Image img : images) {
            if (img.minSide() >= size) {
                candidates++;
            }
        }
        if (candidates == 0) {
            throw new IllegalArgumentException("no image in " + folder + " is at least " + size + "x" + size);
        }
        int pick = rng.nextInt(candidates);
        Image img = null;
        for (Image candidate : images) {
            if (candidate.minSide() >= size && pick-- == 0) {
                img = candidate;
                break;
            }
        }
        float[] pixels = img.slices[rng.nextInt(img.slices.length)];
        double factor = Rand.uniform(rng, 1, Math.min(maxDownscale, (double) img.minSide() / size));
        double footprint = size * factor;
        int x0 = rng.nextInt((int) Math.floor(img.width - footprint) + 1);
        int y0 = rng.nextInt((int) Math.floor(img.height - footprint) + 1);
        float[] region = AreaResampler.resample(pixels, img.width, x0, y0, factor, size);
        return Dihedral.apply(region, size, rng.nextInt(8));
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static Image load(Path path) {
        ImagePlus imp;
        try {
            imp = ImageFiles.read(path);
        } catch (IOException e) {
            System.err.println("FolderImages: skipping " + e.getMessage());
            return null;
        }
        try {
            ImageStack stack = imp.getStack();
            float[][] slices = new float[stack.getSize()][];
            for (int s = 0; s < slices.length; s++) {
                ImageProcessor ip = stack.getProcessor(s + 1);
                if (imp.getType() == ImagePlus.COLOR_256) {
                    ip.setColorModel(imp.getProcessor().getColorModel());
                }
                slices[s] = GreyConversion.toUnitFloat(ip, imp.getType());
            }
            return new Image(imp.getWidth(), imp.getHeight(), slices);
        } catch (RuntimeException e) {
            System.err.println("FolderImages: skipping " + path + ": " + e);
            return null;
        } finally {
            imp.flush();
        }
    }

    /** One loaded file: all slices share the size. */
    private static final class Image {
        final int width;
        final int height;
        final float[][] slices;

        Image(int width, int height, float[][] slices) {
            this.width = width;
            this.height = height;
            this.slices = slices;
        }

        int minSide() {
            return Math.min(width, height);
        }
    }
}
