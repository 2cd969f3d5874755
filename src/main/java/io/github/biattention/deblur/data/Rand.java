package io.github.biattention.deblur.data;

import java.util.SplittableRandom;

/** Small distributions on top of {@link SplittableRandom}, which (in Java 11) has no Gaussian. */
final class Rand {
    private Rand() {
    }

    /** Standard normal variate (Marsaglia polar method; the second variate is dropped to stay stateless). */
    static double gaussian(SplittableRandom rng) {
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** Uniform in [lo, hi); returns lo when the range is empty. */
    static double uniform(SplittableRandom rng, double lo, double hi) {
        return hi > lo ? lo + (hi - lo) * rng.nextDouble() : lo;
    }

    /** Log-uniform in [lo, hi) for 0 &lt; lo ≤ hi. */
    static double logUniform(SplittableRandom rng, double lo, double hi) {
        return Math.exp(uniform(rng, Math.log(lo), Math.log(hi)));
    }

    /**
     * Power law with density ∝ r^-alpha on [lo, hi] (alpha ≠ 1), by inversion; favours small values,
     * as the sizes of objects in natural scenes do.
     */
    static double powerLaw(SplittableRandom rng, double lo, double hi, double alpha) {
        double e = 1 - alpha;
        double a = Math.pow(lo, e);
        double b = Math.pow(hi, e);
        return Math.pow(a + (b - a) * rng.nextDouble(), 1 / e);
    }

    /** Index drawn with probability proportional to {@code weights[i]} (non-negative, positive sum). */
    static int weighted(SplittableRandom rng, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double t = rng.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                last = i;
                t -= weights[i];
                if (t < 0) {
                    return i;
                }
            }
        }
        return last; // rounding left t at exactly 0
    }
}
