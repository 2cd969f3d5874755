package io.github.biattention.deblur.data;

import java.util.SplittableRandom;

/** Sensor noise models. */
public final class Noise {
    /** Above this mean the Poisson law is replaced by its normal approximation (error is negligible). */
    private static final double NORMAL_APPROX_LAMBDA = 30;

    private Noise() {
    }

    /**
     * Poisson–Gaussian noise: {@code y = Poisson(x·photons)/photons + N(0, readSigma²)} for each
     * pixel value {@code x}, which is taken to be in [0, 1] (negative values count as 0 photons).
     * The result is not clipped, so it can fall slightly below 0 or above 1.
     *
     * @param photonsAtWhite expected photon count at value 1, positive; {@link Double#POSITIVE_INFINITY}
     *                       means no shot noise
     * @param readSigma      standard deviation of the additive Gaussian read noise, ≥ 0
     * @return a new plane; {@code clean} is not modified
     */
    public static Plane poissonGaussian(Plane clean, double photonsAtWhite, double readSigma, SplittableRandom rng) {
        if (!(photonsAtWhite > 0)) {
            throw new IllegalArgumentException("photonsAtWhite must be positive, got " + photonsAtWhite);
        }
        if (!(readSigma >= 0) || Double.isInfinite(readSigma)) {
            throw new IllegalArgumentException("readSigma must be finite and >= 0, got " + readSigma);
        }
        boolean shot = !Double.isInfinite(photonsAtWhite);
        float[] in = clean.pixels();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            double v = in[i];
            if (shot) {
                v = poisson(rng, Math.max(0.0, v) * photonsAtWhite) / photonsAtWhite;
            }
            if (readSigma > 0) {
                v += readSigma * Rand.gaussian(rng);
            }
            out[i] = (float) v;
        }
        return new Plane(clean.width(), clean.height(), out);
    }

    /**
     * A Poisson variate of mean {@code lambda} ≥ 0: Knuth's multiplication method for small means
     * (exact, O(lambda) uniforms), a normal approximation otherwise (kept continuous and ≥ 0).
     */
    static double poisson(SplittableRandom rng, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda >= NORMAL_APPROX_LAMBDA) {
            return Math.max(0.0, lambda + Math.sqrt(lambda) * Rand.gaussian(rng));
        }
        double limit = Math.exp(-lambda);
        double p = rng.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= rng.nextDouble();
            k++;
        }
        return k;
    }
}
