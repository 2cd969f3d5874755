package io.github.biattention.deblur.classical;

import io.github.biattention.deblur.data.Kernel;

/**
 * A widefield objective as the user describes it: numerical aperture, emission wavelength, immersion refractive
 * index and the imaged plane's distance from focus. Checked when made, with messages that say what to enter; the
 * pixel size is left out because it usually comes from each image's calibration, so one objective serves a batch.
 * {@link #kernel(double)} gives its PSF at a pixel size: Born &amp; Wolf ({@link WidefieldPsf}), or Gibson &amp; Lanni
 * ({@link GibsonLanniPsf}) when {@link #inSample} names a sample whose index differs from the immersion's.
 */
public final class WidefieldObjective {
    /** Largest distance from focus, nm, that a PSF is computed for. */
    public static final double MAX_DEFOCUS = 100000;

    private final double na;
    private final double wavelength;
    private final double refractiveIndex;
    private final double defocus;
    private final double sampleIndex;
    private final double depth;

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
        if (!(Math.abs(defocus) <= MAX_DEFOCUS)) {
            throw new IllegalArgumentException("The defocus must be within ±100000 nm, got " + defocus
                    + ": enter the distance from focus in nm (0 = in focus)");
        }
        this.na = na;
        this.wavelength = wavelength;
        this.refractiveIndex = refractiveIndex;
        this.defocus = defocus;
        this.sampleIndex = refractiveIndex;
        this.depth = 0;
    }

    private WidefieldObjective(WidefieldObjective objective, double sampleIndex, double depth) {
        GibsonLanniPsf.checkSample(sampleIndex, depth);
        this.na = objective.na;
        this.wavelength = objective.wavelength;
        this.refractiveIndex = objective.refractiveIndex;
        this.defocus = objective.defocus;
        this.sampleIndex = sampleIndex;
        this.depth = depth;
    }

    /**
     * This objective imaging a plane {@code depth} nm below the coverslip in a sample of index {@code sampleIndex}
     * (the defocus then counts from that plane's best focus).
     *
     * @throws IllegalArgumentException for an index outside [1, 3] or a depth outside [0, 200000] nm
     */
    public WidefieldObjective inSample(double sampleIndex, double depth) {
        return new WidefieldObjective(this, sampleIndex, depth);
    }

    /**
     * The normalised kernel of automatic size at {@code pixelSize} nm: Gibson &amp; Lanni in a sample of another index
     * than the immersion's; else Born &amp; Wolf (with matched indices depth changes nothing).
     */
    public Kernel kernel(double pixelSize) {
        return sampleIndex != refractiveIndex ? new GibsonLanniPsf(this, sampleIndex, depth, pixelSize).kernel()
                : new WidefieldPsf(this, pixelSize).kernel();
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
