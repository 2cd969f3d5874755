package io.github.biattention.deblur.data;

import java.util.SplittableRandom;

/**
 * Synthetic sharp images, so training needs no image collection. Each crop comes from one of three
 * generators, chosen at random with the configured weights:
 * <ul>
 *   <li>dead leaves: occluding shapes with power-law sizes, like natural-scene statistics;</li>
 *   <li>fluorescence microscopy: dark background, Gaussian blobs and puncta, thin curved filaments;</li>
 *   <li>edge-rich man-made structure: checkerboards, grids, bars, line segments, text-like glyphs.</li>
 * </ul>
 * Dead-leaves and edge crops then get a gentle smooth illumination change and a random contrast
 * curve. Values are in [0, 1]. A 160×160 crop takes a few milliseconds.
 */
public final class ProceduralImages implements SharpSource {
    private final double[] weights;

    /** Default mixture: dead leaves 0.4, fluorescence 0.35, edges 0.25. */
    public ProceduralImages() {
        this(0.4, 0.35, 0.25);
    }

    /** Relative weights of the three generators: non-negative, at least one positive. */
    public ProceduralImages(double deadLeaves, double fluorescence, double edges) {
        if (!(deadLeaves >= 0 && fluorescence >= 0 && edges >= 0 && deadLeaves + fluorescence + edges > 0)) {
            throw new IllegalArgumentException("generator weights must be >= 0 with a positive sum");
        }
        this.weights = new double[] {deadLeaves, fluorescence, edges};
    }

    @Override
    public Plane crop(SplittableRandom rng, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("crop size must be positive, got " + size);
        }
        int generator = Rand.weighted(rng, weights);
        float[] img;
        if (generator == 1) {
            img = FluorescenceScene.render(rng, size); // has its own background and range
        } else {
            img = generator == 0 ? DeadLeaves.render(rng, size) : EdgePatterns.render(rng, size);
            finish(rng, img, size);
        }
        return new Plane(size, size, img);
    }

    /** Uneven illumination and a random tone curve, then clamping to [0, 1]. */
    private static void finish(SplittableRandom rng, float[] img, int size) {
        float[] light = Draw.smoothField(rng, size, 2, Rand.uniform(rng, 0, 0.12));
        double gamma = Rand.logUniform(rng, 0.6, 1.6);
        double lo = Rand.uniform(rng, 0, 0.25);
        double hi = Rand.uniform(rng, 0.7, 1.0);
        for (int i = 0; i < img.length; i++) {
            double v = Draw.clamp01(img[i] * (1 + light[i]));
            img[i] = Draw.clamp01(lo + (hi - lo) * Math.pow(v, gamma));
        }
    }
}
