package io.github.biattention.deblur.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoiseTest {
    private static final int N = 200 * 200;

    private static Plane constant(float v) {
        float[] p = new float[N];
        Arrays.fill(p, v);
        return new Plane(200, 200, p);
    }

    private static double[] meanAndVariance(Plane p) {
        double s = 0;
        double s2 = 0;
        for (float v : p.pixels()) {
            s += v;
            s2 += (double) v * v;
        }
        double mean = s / N;
        return new double[] {mean, s2 / N - mean * mean};
    }

    /** Checks both the exact small-mean sampler and the normal approximation, with and without read noise. */
    @Test
    void meanAndVarianceFollowThePoissonGaussianModel() {
        double[][] cases = { // x, photons, readSigma
            {0.05, 100, 0}, // lambda 5: Knuth
            {0.2, 100, 0.01}, // lambda 20: Knuth
            {0.5, 1000, 0}, // lambda 500: normal approximation
            {0.8, 3000, 0.01},
        };
        SplittableRandom rng = new SplittableRandom(5);
        for (double[] c : cases) {
            Plane noisy = Noise.poissonGaussian(constant((float) c[0]), c[1], c[2], rng);
            double[] mv = meanAndVariance(noisy);
            double variance = c[0] / c[1] + c[2] * c[2];
            String label = Arrays.toString(c);
            assertEquals(c[0], mv[0], 5 * Math.sqrt(variance / N), "mean " + label);
            assertEquals(variance, mv[1], 0.05 * variance, "variance " + label);
        }
    }

    @Test
    void infinitePhotonsMeansReadNoiseOnly() {
        Plane noisy = Noise.poissonGaussian(constant(0.5f), Double.POSITIVE_INFINITY, 0.02, new SplittableRandom(1));
        double[] mv = meanAndVariance(noisy);
        assertEquals(0.5, mv[0], 1e-3);
        assertEquals(0.0004, mv[1], 0.05 * 0.0004);
        Plane clean = Noise.poissonGaussian(constant(0.5f), Double.POSITIVE_INFINITY, 0, new SplittableRandom(1));
        assertArrayEquals(constant(0.5f).pixels(), clean.pixels());
    }

    @Test
    void reproducibleAndUnclipped() {
        Plane a = Noise.poissonGaussian(constant(0.01f), 50, 0.05, new SplittableRandom(9));
        Plane b = Noise.poissonGaussian(constant(0.01f), 50, 0.05, new SplittableRandom(9));
        assertArrayEquals(a.pixels(), b.pixels());
        float min = Float.MAX_VALUE;
        for (float v : a.pixels()) {
            min = Math.min(min, v);
        }
        assertTrue(min < -0.05, "read noise must be allowed below 0, min was " + min);
    }
}
