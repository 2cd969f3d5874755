package io.github.biattention.deblur.data;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;
import io.github.biattention.deblur.files.ImageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training pairs cut from real blurred/sharp image pairs: each sample picks a pair large enough for the patch, a plane
 * of it, a position and one of the 8 flips/90° rotations, and cuts both images at the same place with the same
 * transform, so the blurred and sharp patches stay aligned pixel for pixel. No blur or noise is added, and the
 * kernel of a pair is unknown ({@link TrainingPair#kernel()} and {@link TrainingPair#kind()} are null).
 *
 * <p>Images are read once with ImageJ 1.x ({@link Images#read}) and kept in memory as floats in [0, 1].
 */
public final class PairCrops implements PairSampler {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final List<Images> pairs;
    private final int patchSize;

    /**
     * @param pairs at least one, with at least one pair of {@code patchSize × patchSize} or more
     * @throws IllegalArgumentException when there is no pair or none is large enough
     */
    public PairCrops(List<Images> pairs, int patchSize) {
        if (patchSize < 1) {
            throw new IllegalArgumentException("patch size must be positive, got " + patchSize);
        }
        if (pairs.stream().noneMatch(p -> p.fits(patchSize))) {
            throw new IllegalArgumentException("no image pair is at least " + patchSize + "x" + patchSize
                    + " pixels: choose a smaller patch size");
        }
        this.pairs = List.copyOf(pairs);
        this.patchSize = patchSize;
    }

    @Override
    public int patchSize() {
        return patchSize;
    }

    @Override
    public TrainingPair sample(long seed, long index) {
        SplittableRandom rng = new SplittableRandom(seed * GOLDEN_GAMMA + index);
        Images pair = pick(rng);
        int plane = rng.nextInt(pair.blurred.length);
        int x0 = rng.nextInt(pair.width - patchSize + 1);
        int y0 = rng.nextInt(pair.height - patchSize + 1);
        int transform = rng.nextInt(8);
        return new TrainingPair(cut(pair.blurred[plane], pair.width, x0, y0, transform),
                cut(pair.sharp[plane], pair.width, x0, y0, transform), null, null);
    }

    /** Uniformly among the pairs large enough for the patch. */
    private Images pick(SplittableRandom rng) {
        int candidates = (int) pairs.stream().filter(p -> p.fits(patchSize)).count();
        int pick = rng.nextInt(candidates);
        for (Images p : pairs) {
            if (p.fits(patchSize) && pick-- == 0) {
                return p;
            }
        }
        throw new AssertionError("unreachable");
    }

    private Plane cut(float[] pixels, int width, int x0, int y0, int transform) {
        float[] region = new float[patchSize * patchSize];
        for (int y = 0; y < patchSize; y++) {
            System.arraycopy(pixels, (y0 + y) * width + x0, region, y * patchSize, patchSize);
        }
        return Dihedral.apply(region, patchSize, transform);
    }

    /**
     * One blurred image and its sharp partner, same size and plane count, as grey levels in [0, 1]. Both are scaled
     * alike, so their intensities stay comparable: 8-bit / 255, 16-bit / 65535, colour as luminance; 32-bit pairs by
     * the sharp image's minimum and maximum.
     */
    public static final class Images {
        final int width;
        final int height;
        final float[][] blurred;
        final float[][] sharp;

        /** @throws IllegalArgumentException when the planes differ in number or size */
        public Images(int width, int height, float[][] blurred, float[][] sharp) {
            if (blurred.length == 0 || blurred.length != sharp.length) {
                throw new IllegalArgumentException("need the same, non-zero number of blurred and sharp planes");
            }
            for (int i = 0; i < blurred.length; i++) {
                if (blurred[i].length != width * height || sharp[i].length != width * height) {
                    throw new IllegalArgumentException("a plane is not " + width + "x" + height);
                }
            }
            this.width = width;
            this.height = height;
            this.blurred = blurred;
            this.sharp = sharp;
        }

        boolean fits(int size) {
            return width >= size && height >= size;
        }

        /** @throws IOException naming the files when one cannot be read or the two differ in size or planes */
        public static Images read(Path blurredFile, Path sharpFile) throws IOException {
            ImagePlus blurred = open(blurredFile);
            ImagePlus sharp = open(sharpFile);
            try {
                if (blurred.getWidth() != sharp.getWidth() || blurred.getHeight() != sharp.getHeight()
                        || blurred.getStackSize() != sharp.getStackSize()) {
                    throw new IOException("The pair " + blurredFile + " and " + sharpFile + " differ in size: "
                            + describe(blurred) + " and " + describe(sharp));
                }
                float[] range = sharp.getType() == ImagePlus.GRAY32 && blurred.getType() == ImagePlus.GRAY32
                        ? minMax(sharp.getStack()) : null;
                return new Images(blurred.getWidth(), blurred.getHeight(), planes(blurred, range),
                        planes(sharp, range));
            } catch (IllegalArgumentException e) {
                throw new IOException("Cannot use " + blurredFile + ": " + e.getMessage(), e);
            } finally {
                blurred.flush();
                sharp.flush();
            }
        }

        private static ImagePlus open(Path file) throws IOException {
            return ImageFiles.read(file);
        }

        private static String describe(ImagePlus image) {
            return image.getWidth() + "x" + image.getHeight() + "x" + image.getStackSize();
        }

        /** The planes in [0, 1]; 32-bit ones mapped by {@code range} (min, max) when given. */
        private static float[][] planes(ImagePlus image, float[] range) {
            ImageStack stack = image.getStack();
            float[][] out = new float[stack.getSize()][];
            for (int s = 0; s < out.length; s++) {
                if (range == null) {
                    ImageProcessor ip = stack.getProcessor(s + 1);
                    if (image.getType() == ImagePlus.COLOR_256) {
                        ip.setColorModel(image.getProcessor().getColorModel());
                    }
                    out[s] = GreyConversion.toUnitFloat(ip, image.getType());
                } else {
                    float[] px = (float[]) stack.getProcessor(s + 1).getPixels();
                    float scale = range[1] > range[0] ? range[1] - range[0] : 1;
                    out[s] = new float[px.length];
                    for (int i = 0; i < px.length; i++) {
                        out[s][i] = Float.isFinite(px[i]) ? (px[i] - range[0]) / scale : 0;
                    }
                }
            }
            return out;
        }

        private static float[] minMax(ImageStack stack) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int s = 1; s <= stack.getSize(); s++) {
                for (float v : (float[]) stack.getProcessor(s).getPixels()) {
                    if (Float.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            return min <= max ? new float[] {min, max} : new float[] {0, 1};
        }
    }
}
