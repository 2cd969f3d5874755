package io.github.biattention.deblur.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
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
}
