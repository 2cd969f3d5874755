package io.github.biattention.deblur.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.biattention.deblur.data.TrainingPair;
import java.util.Arrays;
import java.util.List;

/**
 * Turns training pairs into (B, 1, H, W) arrays, each pair normalised the way inference normalises an image: the
 * blurred patch's 1st and 99.8th percentiles map to 0 and 1, and the same affine map is applied to the sharp patch.
 */
final class Batches {

    static final double LOW_PERCENTILE = 1.0;
    static final double HIGH_PERCENTILE = 99.8;
    /** Smallest range used to scale a patch, so flat patches are not amplified into noise. */
    private static final float MIN_RANGE = 0.05f;

    private Batches() {}

    /** The affine map (offset, scale) of a blurred patch: normalised = (v - offset) / scale. */
    static float[] normalization(float[] blurred) {
        float[] sorted = blurred.clone();
        Arrays.sort(sorted);
        float low = percentile(sorted, LOW_PERCENTILE);
        float high = percentile(sorted, HIGH_PERCENTILE);
        return new float[] {low, Math.max(high - low, MIN_RANGE)};
    }

    private static float percentile(float[] sorted, double percent) {
        double pos = percent / 100 * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        double f = pos - i;
        return (float) (sorted[i] * (1 - f) + sorted[j] * f);
    }

    /** Blurred and sharp batches, in that order, created in {@code manager}. */
    static NDArray[] of(List<TrainingPair> pairs, NDManager manager) {
        int w = pairs.get(0).sharp().width();
        int h = pairs.get(0).sharp().height();
        int n = w * h;
        float[] blurred = new float[pairs.size() * n];
        float[] sharp = new float[pairs.size() * n];
        for (int b = 0; b < pairs.size(); b++) {
            float[] in = pairs.get(b).blurred().pixels();
            float[] target = pairs.get(b).sharp().pixels();
            float[] map = normalization(in);
            for (int i = 0; i < n; i++) {
                blurred[b * n + i] = (in[i] - map[0]) / map[1];
                sharp[b * n + i] = (target[i] - map[0]) / map[1];
            }
        }
        Shape shape = new Shape(pairs.size(), 1, h, w);
        return new NDArray[] {manager.create(blurred, shape), manager.create(sharp, shape)};
    }
}
