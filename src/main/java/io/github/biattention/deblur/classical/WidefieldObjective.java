package io.github.biattention.deblur.classical;

import io.github.biattention.deblur.data.Kernel;

/**
 * A widefield objective as the user describes it: numerical aperture, emission wavelength, immersion refractive
 * index and the imaged plane's distance from focus. Checked when made, with messages that say what to enter; the
 * pixel size is left out because it usually comes from each image's calibration, so one objective serves a batch.
 * {@link #kernel(double)} gives its Born &amp; Wolf PSF ({@link WidefieldPsf}) at a pixel size.
 */
public final class WidefieldObjective {
    private final double na;
    private final double wavelength;
    private final double refractiveIndex;
    private final double defocus;

    /**
     * @param na numerical aperture, in (0, refractiveIndex)
     * @param wavelength emission wavelength in nm, in [200, 2000]
     * @param refractiveIndex of the immersion medium, in [1, 3] (air 1.0, water 1.333, oil 1.515)
     * @param defocus distance from focus in nm (0 = in focus), |defocus| ≤ 100000
     * @throws IllegalArgumentException for a value outside its range (or NaN), naming it and what to enter
     */
    public WidefieldObjective(double na, double wavelength, double refractiveIndex, double defocus) {
        if (!(refractiveIndex >= 1 && refractiveIndex <= 3)) {
            throw new IllegalArgumentException("The immersion refractive index must be in [1, 3], got "
                    + refractiveIndex + ": enter the medium's (air 1.0, water 1.333, oil 1.515)");
        }
        if (!(na > 0 && na < refractiveIndex)) {
            throw new IllegalArgumentException("The numerical aperture must be positive and below the immersion"
                    + " refractive index (" + refractiveIndex + "), got " + na + ": check the objective's NA and its"
                    + " immersion medium");
        }
        if (!(wavelength >= 200 && wavelength <= 2000)) {
            throw new IllegalArgumentException("The emission wavelength must be in [200, 2000] nm, got " + wavelength
                    + ": enter it in nm (e.g. 520 for GFP)");
        }
        if (!(Math.abs(defocus) <= 100000)) {
            throw new IllegalArgumentException("The defocus must be within ±100000 nm, got " + defocus
                    + ": enter the distance from focus in nm (0 = in focus)");
        }
        this.na = na;
        this.wavelength = wavelength;
        this.refractiveIndex = refractiveIndex;
        this.defocus = defocus;
    }

    /** This objective's PSF model at {@code pixelSize} nm in the sample plane, in (0, 10000]. */
    public WidefieldPsf psf(double pixelSize) {
        return new WidefieldPsf(this, pixelSize);
    }

    /** The normalised kernel of automatic size ({@link WidefieldPsf#kernel()}) at {@code pixelSize} nm. */
    public Kernel kernel(double pixelSize) {
        return psf(pixelSize).kernel();
    }

    public double na() {
        return na;
    }

    public double wavelength() {
        return wavelength;
    }

    public double refractiveIndex() {
        return refractiveIndex;
    }

    public double defocus() {
        return defocus;
    }
}
