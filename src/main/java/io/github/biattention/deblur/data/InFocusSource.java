package io.github.biattention.deblur.data;

import java.util.SplittableRandom;

/**
 * Only in-focus crops: redraws a crop of the wrapped source until its {@link EdgeSharpness} reaches a threshold,
 * and after {@code attempts} draws keeps the sharpest. Photographs are not sharp everywhere: macro shots and
 * portraits blur their background on purpose, and some pictures are blur examples themselves. Such a crop, taken as
 * the sharp target, teaches a network to leave blur in place, and as an evaluation reference it scores a
 * network that sharpens the blur as harm.
 */
public final class InFocusSource implements SharpSource {
    /**
     * Sharpness below which a crop is out of focus: its sharpest edges are as soft as those of a Gaussian blur of
     * about 1.5 px (the median of detailed training crops, so blurred, is 0.15 to 0.21; in focus it is 0.37 to 0.51).
     */
    public static final double THRESHOLD = 0.2;
    /** Draws before the sharpest one is kept. */
    public static final int ATTEMPTS = 8;

    private final SharpSource source;
    private final double threshold;
    private final int attempts;

    /** With {@link #THRESHOLD} and {@link #ATTEMPTS}. */
    public InFocusSource(SharpSource source) {
        this(source, THRESHOLD, ATTEMPTS);
    }

    /**
     * @param threshold least {@link EdgeSharpness} of a kept crop
     * @param attempts draws before the sharpest is kept, at least 1
     */
    public InFocusSource(SharpSource source, double threshold, int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        this.source = source;
        this.threshold = threshold;
        this.attempts = attempts;
    }

    @Override
    public Plane crop(SplittableRandom rng, int size) {
        Plane sharpest = null;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < attempts; i++) {
            Plane candidate = source.crop(rng, size);
            double sharpness = EdgeSharpness.of(candidate);
            if (sharpness >= threshold) {
                return candidate;
            }
            if (sharpness > best) {
                sharpest = candidate;
                best = sharpness;
            }
        }
        return sharpest;
    }
}
