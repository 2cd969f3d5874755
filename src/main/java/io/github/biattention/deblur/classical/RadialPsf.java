package io.github.biattention.deblur.classical;

import io.github.biattention.deblur.data.Kernel;
import java.util.function.DoubleUnaryOperator;

/**
 * What the scalar widefield PSF models share: the intensity of a pupil integral, and the kernel of a radially
 * symmetric PSF sampled the way a camera integrates it.
 */
final class RadialPsf {

    /** Sub-pixel samples per axis. */
    static final int OVERSAMPLING = 5;
    /** Radial profile samples per pixel. */
    static final int RADIAL_STEPS_PER_PIXEL = 20;

    private RadialPsf() {}

    /**
     * {@code |2 ∫₀^rhoMax J0(v ρ) exp(i φ(ρ)) ρ dρ|²} by Simpson's rule, with at least 16 nodes per half-oscillation
     * of J0 and of the phase.
     *
     * @param phaseRange an upper bound of |φ(ρ) − φ(0)| over the aperture, which sets the number of nodes
     */
    static double pupilIntensity(double v, DoubleUnaryOperator phase, double phaseRange, double rhoMax) {
        int intervals = 2 * (int) Math.ceil(16 + 8 * (v + phaseRange) / Math.PI);
        double h = rhoMax / intervals;
        double re = 0;
        double im = 0;
        for (int m = 0; m <= intervals; m++) {
            double rho = m * h;
            double weight = m == 0 || m == intervals ? 1 : m % 2 == 1 ? 4 : 2;
            double amplitude = weight * Bessel.j0(v * rho) * rho;
            double angle = phase.applyAsDouble(rho);
            re += amplitude * Math.cos(angle);
            im += amplitude * Math.sin(angle);
        }
        re *= 2 * h / 3;
        im *= 2 * h / 3;
        return re * re + im * im;
    }

    /**
     * The normalised kernel of size {@code 2 * halfSize + 1} of a PSF with radial profile {@code intensity} (radius
     * in nm): each pixel the mean of {@value #OVERSAMPLING}² sub-pixel samples, linearly interpolated on a radial grid
     * of 1/{@value #RADIAL_STEPS_PER_PIXEL} pixel.
     */
    static Kernel kernel(DoubleUnaryOperator intensity, double pixelSize, int halfSize) {
        if (halfSize < 1 || halfSize > 1000) {
            throw new IllegalArgumentException("PSF half-size must be in [1, 1000], got " + halfSize);
        }
        int size = 2 * halfSize + 1;
        double dr = pixelSize / RADIAL_STEPS_PER_PIXEL;
        // Farthest sub-pixel sample: a corner pixel's outermost sample, below (half + 0.5) * sqrt(2) pixels.
        int steps = (int) Math.ceil((halfSize + 1) * Math.sqrt(2) * RADIAL_STEPS_PER_PIXEL) + 2;
        double[] profile = new double[steps + 1];
        for (int s = 0; s <= steps; s++) {
            profile[s] = intensity.applyAsDouble(s * dr);
        }
        int o = OVERSAMPLING;
        float[] weights = new float[size * size];
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < size; i++) {
                double acc = 0;
                for (int b = 0; b < o; b++) {
                    // Sub-sample offsets as exact ratios of integers, so mirrored pixels get mirrored positions.
                    double dy = (double) (2 * o * (j - halfSize) + 2 * b + 1 - o) / (2 * o);
                    for (int a = 0; a < o; a++) {
                        double dx = (double) (2 * o * (i - halfSize) + 2 * a + 1 - o) / (2 * o);
                        double r = Math.sqrt(dx * dx + dy * dy) * RADIAL_STEPS_PER_PIXEL;
                        int s = (int) r;
                        double f = r - s;
                        acc += profile[s] * (1 - f) + profile[s + 1] * f;
                    }
                }
                weights[j * size + i] = (float) (acc / (o * o));
            }
        }
        return Kernel.normalized(size, weights);
    }
}
