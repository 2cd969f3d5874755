package io.github.biattention.deblur.data;

import java.util.SplittableRandom;

/**
 * Favours detailed crops: with probability {@code share}, draws {@code candidates} crops from the wrapped source and
 * keeps the one with the most fine detail (mean absolute difference between neighbouring pixels); otherwise one
 * plain crop. Photographs are mostly sky, walls and soft background, and a network that sees few textures learns to
 * smooth them away.
 */
public final class TexturedSource implements SharpSource {
    private final SharpSource source;
    private final double share;
    private final int candidates;

    /**
     * @param share probability in [0, 1] of picking the most detailed of several crops
     * @param candidates crops compared each time, at least 1
     */
    public TexturedSource(SharpSource source, double share, int candidates) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in [0, 1], got " + share);
        }
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be at least 1, got " + candidates);
        }
        this.source = source;
        this.share = share;
        this.candidates = candidates;
    }

    @Override
    public Plane crop(SplittableRandom rng, int size) {
        if (rng.nextDouble() >= share) {
            return source.crop(rng, size);
        }
        Plane best = null;
        double bestDetail = -1;
        for (int i = 0; i < candidates; i++) {
            Plane candidate = source.crop(rng, size);
            double detail = detail(candidate);
            if (detail > bestDetail) {
                best = candidate;
                bestDetail = detail;
            }
        }
        return best;
    }

    /** Mean absolute difference between horizontal and vertical neighbours. */
    static double detail(Plane plane) {
        float[] p = plane.pixels();
        int w = plane.width();
        int h = plane.height();
        double sum = 0;
        long count = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (x + 1 < w) {
                    sum += Math.abs(p[i + 1] - p[i]);
                    count++;
                }
                if (y + 1 < h) {
                    sum += Math.abs(p[i + w] - p[i]);
                    count++;
                }
            }
        }
        return count == 0 ? 0 : sum / count;
    }
}
