package io.github.biattention.deblur.microscopy;

import io.github.biattention.deblur.classical.WidefieldObjective;
import io.github.biattention.deblur.classical.WidefieldPsf;
import io.github.biattention.deblur.data.Kernel;
import java.util.SplittableRandom;

/**
 * One imaging setup: objective (NA, immersion index), emission wavelength, pixel size, the focal plane's distance
 * from the specimen's plane, and the share of the light that comes from out-of-focus planes (haze).
 *
 * <p>The {@link #psf() PSF} is the in-focus plane's Born &amp; Wolf PSF mixed with the mean PSF of three planes
 * further away, so that a 2-D image of a thick specimen (in-focus detail over a blurred glow) is one convolution:
 * the "true PSF" that classical deconvolution is handed for comparison.
 */
public final class WidefieldOptics {
    /** Kernels are {@code 2 * HALF_SIZE + 1} wide: room for the haze planes' discs. */
    public static final int HALF_SIZE = 31;
    /** Haze planes are placed so that their geometric blur discs reach at most this radius, in pixels. */
    private static final double MAX_HAZE_RADIUS = 24;

    private final double na;
    private final double wavelength;
    private final double refractiveIndex;
    private final double pixelSize;
    private final double defocus;
    private final double haze;

    /**
     * @param na numerical aperture
     * @param wavelength emission wavelength, nm
     * @param refractiveIndex of the immersion medium
     * @param pixelSize in the specimen plane, nm
     * @param defocus distance of the imaged plane from focus, nm
     * @param haze share of the light from out-of-focus planes, in [0, 1)
     */
    public WidefieldOptics(double na, double wavelength, double refractiveIndex, double pixelSize, double defocus,
            double haze) {
        if (!(haze >= 0 && haze < 1)) {
            throw new IllegalArgumentException("haze must be in [0, 1), got " + haze);
        }
        new WidefieldPsf(na, wavelength, refractiveIndex, pixelSize, defocus); // validates the optics
        this.na = na;
        this.wavelength = wavelength;
        this.refractiveIndex = refractiveIndex;
        this.pixelSize = pixelSize;
        this.defocus = defocus;
        this.haze = haze;
    }

    /**
     * A random setup from four objective classes (dry low NA, dry high NA, water, oil), wavelengths 450–700 nm,
     * sampling between 1.7 and 3.4 pixels per Airy FWHM, the imaged plane within half a depth of field of focus and
     * up to 60% haze.
     */
    public static WidefieldOptics random(SplittableRandom rng) {
        return draw(rng, 0.3, 0.6, -0.5, 0.5, 0.2, 0, 0.6);
    }

    /**
     * A random in-focus setup as at a low-magnification objective, the most common case at a microscope: the same
     * objective classes and wavelengths as {@link #random}, but 0.85-1.7 pixels per Airy FWHM (a small PSF, near
     * the pixel size), the imaged plane within a tenth of a depth of field of focus, and no haze half of the time
     * (up to 20% otherwise). The image is nearly sharp; a network must learn to leave it nearly as it is.
     */
    public static WidefieldOptics inFocus(SplittableRandom rng) {
        return draw(rng, 0.6, 1.2, -0.1, 0.1, 0.5, 0, 0.2);
    }

    /**
     * Optics of one of four objective classes (dry low NA, dry high NA, water, oil) at 450-700 nm, with a pixel of
     * {@code pixelLo}-{@code pixelHi} times the Nyquist pixel λ / 2NA (about 1.02 / that factor pixels per Airy FWHM),
     * the imaged plane {@code defocusLo}-{@code defocusHi} depths of field from focus, and no haze with probability
     * {@code noHaze}, else {@code hazeLo}-{@code hazeHi}. Every number is drawn in that order, whatever the ranges.
     */
    static WidefieldOptics draw(SplittableRandom rng, double pixelLo, double pixelHi, double defocusLo,
            double defocusHi, double noHaze, double hazeLo, double hazeHi) {
        double na;
        double n;
        switch (rng.nextInt(4)) {
            case 0: na = uniform(rng, 0.25, 0.5); n = 1.0; break;
            case 1: na = uniform(rng, 0.7, 0.95); n = 1.0; break;
            case 2: na = uniform(rng, 1.0, 1.2); n = 1.333; break;
            default: na = uniform(rng, 1.3, 1.45); n = 1.515; break;
        }
        double wavelength = uniform(rng, 450, 700);
        double pixel = wavelength / (2 * na) * uniform(rng, pixelLo, pixelHi);
        double depthOfField = wavelength * n / (na * na);
        double defocus = uniform(rng, defocusLo, defocusHi) * depthOfField;
        double haze = rng.nextDouble() < noHaze ? 0 : uniform(rng, hazeLo, hazeHi);
        return new WidefieldOptics(na, wavelength, n, pixel, defocus, haze);
    }

    /**
     * The PSF a user can enter for these optics: the objective's Born &amp; Wolf PSF in focus (automatic size), without
     * the defocus and haze of the imaged plane, which the user does not know.
     */
    public Kernel objectivePsf() {
        return new WidefieldPsf(na, wavelength, refractiveIndex, pixelSize).kernel();
    }

    /** Normalised kernel of size {@code 2 * HALF_SIZE + 1}: (1 − haze)·PSF(defocus) + haze·mean of PSF(far planes). */
    public Kernel psf() {
        float[] mix = new WidefieldPsf(na, wavelength, refractiveIndex, pixelSize, defocus).kernel(HALF_SIZE)
                .weights().clone();
        if (haze > 0) {
            for (int i = 0; i < mix.length; i++) {
                mix[i] *= (float) (1 - haze);
            }
            // Planes whose blur discs reach 1/3, 2/3 and all of MAX_HAZE_RADIUS.
            double tan = Math.tan(Math.asin(na / refractiveIndex));
            // Large pixels at low NA would put the farthest plane beyond what a PSF is computed for.
            double far = Math.min(MAX_HAZE_RADIUS * pixelSize / tan, WidefieldObjective.MAX_DEFOCUS);
            for (int plane = 1; plane <= 3; plane++) {
                float[] w = new WidefieldPsf(na, wavelength, refractiveIndex, pixelSize, far * plane / 3)
                        .kernel(HALF_SIZE).weights();
                for (int i = 0; i < mix.length; i++) {
                    mix[i] += (float) (haze / 3 * w[i]);
                }
            }
        }
        return Kernel.normalized(2 * HALF_SIZE + 1, mix);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "NA %.2f, n %.3f, %.0f nm, pixel %.0f nm, defocus %.0f nm, haze %.2f",
                na, refractiveIndex, wavelength, pixelSize, defocus, haze);
    }

    private static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
