package io.github.biattention.deblur.data;

import java.util.Arrays;

/**
 * How steep a crop's sharpest edges are for its contrast: the mean of the largest {@value #TOP_SHARE} of the
 * differences between neighbouring pixels, divided by the crop's grey-level range (0.5 to 99.5 percentile). An
 * in-focus step edge changes by its whole height from one pixel to the next (about 1); the same edge blurred by a
 * Gaussian of σ pixels rises by at most 1 / (2.5 σ) per pixel. Depth-of-field blur (a photograph's soft background,
 * a macro shot's bokeh) thus scores low however much contrast it has, which the mean neighbour difference of
 * {@link TexturedSource} cannot tell from texture.
 */
public final class EdgeSharpness {
    /** Share of the neighbour differences that count as the crop's sharpest edges: one edge across a crop suffices. */
    static final double TOP_SHARE = 0.002;
    /** Below this grey-level range a crop is flat: it has no edge to judge. */
    static final double MIN_CONTRAST = 0.05;

    private EdgeSharpness() {
    }

    /** The sharpness of {@code plane}'s edges, about 0 to 1; positive infinity for a flat plane. */
    public static double of(Plane plane) {
        float[] p = plane.pixels();
        int w = plane.width();
        int h = plane.height();
        float[] grey = p.clone();
        double range = percentile(grey, 0.995) - percentile(grey, 0.005);
        if (range < MIN_CONTRAST) {
            return Double.POSITIVE_INFINITY;
        }
        float[] differences = new float[(w - 1) * h + w * (h - 1)];
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (x + 1 < w) {
                    differences[n++] = Math.abs(p[i + 1] - p[i]);
                }
                if (y + 1 < h) {
                    differences[n++] = Math.abs(p[i + w] - p[i]);
                }
            }
        }
        int top = Math.max(1, (int) Math.round(differences.length * TOP_SHARE));
        Selection.kth(differences, differences.length - top);
        // Summed in ascending order, as after a full sort, so the figure does not depend on the selection's order.
        Arrays.sort(differences, differences.length - top, differences.length);
        double sum = 0;
        for (int i = differences.length - top; i < differences.length; i++) {
            sum += differences[i];
        }
        return sum / top / range;
    }

    /** The value at rank round(q (n - 1)) of the sorted values; reorders {@code values}. */
    private static double percentile(float[] values, double q) {
        return Selection.kth(values, (int) Math.round(q * (values.length - 1)));
    }
}
