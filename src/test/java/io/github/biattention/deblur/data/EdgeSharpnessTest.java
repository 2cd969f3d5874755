package io.github.biattention.deblur.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EdgeSharpnessTest {
    /** A vertical edge from 0.2 to 0.8 in the middle of a square, blurred across by a Gaussian of sigma (0: none). */
    static Plane edge(int size, double sigma) {
        float[] p = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double t = sigma == 0 ? (x < size / 2 ? 0 : 1) : Phi((x + 0.5 - size / 2.0) / sigma);
                p[y * size + x] = (float) (0.2 + 0.6 * t);
            }
        }
        return new Plane(size, size, p);
    }

    /** The standard normal distribution function (Abramowitz-Stegun 7.1.26 through erf). */
    private static double Phi(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                + t * 1.061405429)))) * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    @Test
    void anInFocusStepScoresOne() {
        assertEquals(1.0, EdgeSharpness.of(edge(64, 0)), 1e-6);
    }

    @Test
    void aBlurredEdgeScoresItsSteepestSlope() {
        // A Gaussian of sigma s rises by at most 1 / (s sqrt(2 pi)) of the step per pixel.
        for (double sigma : new double[] {1, 2, 4}) {
            double expected = 1 / (sigma * Math.sqrt(2 * Math.PI));
            assertEquals(expected, EdgeSharpness.of(edge(96, sigma)), 0.1 * expected, "sigma " + sigma);
        }
        assertTrue(EdgeSharpness.of(edge(96, 1)) >= InFocusSource.THRESHOLD);
        assertTrue(EdgeSharpness.of(edge(96, 2.5)) < InFocusSource.THRESHOLD);
    }

    @Test
    void contrastDoesNotChangeTheScore() {
        Plane edge = edge(64, 2);
        assertEquals(EdgeSharpness.of(edge), EdgeSharpness.of(edge.times(0.25)), 1e-6);
    }

    @Test
    void aFlatCropHasNothingToJudge() {
        float[] p = new float[32 * 32];
        Arrays.fill(p, 0.5f);
        p[17] = 0.52f;
        assertEquals(Double.POSITIVE_INFINITY, EdgeSharpness.of(new Plane(32, 32, p)));
    }

    /** The definition, with full sorts: what the selection-based {@link EdgeSharpness#of} must give. */
    private static double bySorting(Plane plane) {
        float[] p = plane.pixels();
        int w = plane.width();
        int h = plane.height();
        float[] grey = p.clone();
        Arrays.sort(grey);
        double range = (double) grey[(int) Math.round(0.995 * (grey.length - 1))] - grey[(int) Math.round(0.005 * (grey.length - 1))];
        float[] d = new float[(w - 1) * h + w * (h - 1)];
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x + 1 < w) {
                    d[n++] = Math.abs(p[y * w + x + 1] - p[y * w + x]);
                }
                if (y + 1 < h) {
                    d[n++] = Math.abs(p[(y + 1) * w + x] - p[y * w + x]);
                }
            }
        }
        Arrays.sort(d);
        int top = Math.max(1, (int) Math.round(d.length * EdgeSharpness.TOP_SHARE));
        double sum = 0;
        for (int i = d.length - top; i < d.length; i++) {
            sum += d[i];
        }
        return sum / top / range;
    }

    @Test
    void givesWhatFullSortsGiveOnRandomCrops() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 20; trial++) {
            int w = 20 + rng.nextInt(120);
            int h = 20 + rng.nextInt(120);
            double sigma = rng.nextDouble() * 3;
            float[] p = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // A vertical edge, quantised to 8 bits (ties, as in photographs), plus noise in some trials.
                    double t = sigma == 0 ? (x < w / 2 ? 0 : 1) : Phi((x + 0.5 - w / 2.0) / sigma);
                    double noise = trial % 2 == 0 ? 0 : (rng.nextDouble() - 0.5) * 0.06;
                    p[y * w + x] = Math.round((0.2 + 0.6 * t + noise) * 255) / 255f;
                }
            }
            Plane plane = new Plane(w, h, p);
            assertEquals(bySorting(plane), EdgeSharpness.of(plane), 0.0, "trial " + trial);
        }
    }
}
