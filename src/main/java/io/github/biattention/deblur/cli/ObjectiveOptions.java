package io.github.biattention.deblur.cli;

import io.github.biattention.deblur.classical.WidefieldObjective;
import picocli.CommandLine.Option;

/** A widefield objective for a computed Born &amp; Wolf PSF: the options {@code deconvolve} and {@code deblur} share. */
final class ObjectiveOptions {
    static final double DEFAULT_NA = 1.4;

    @Option(names = "--na", description = "Numerical aperture (deconvolve: default " + DEFAULT_NA + "; deblur:"
            + " giving it turns the optics-aware step on).")
    Double na;

    @Option(names = "--wavelength", defaultValue = "520", description = "Emission wavelength in nm"
            + " (default: ${DEFAULT-VALUE}).")
    double wavelength;

    @Option(names = "--ri", defaultValue = "1.515", description = "Refractive index of the immersion medium"
            + " (default: ${DEFAULT-VALUE}).")
    double ri;

    @Option(names = "--pixel-size", description = "Pixel size in the sample in nm (default: from the image's"
            + " calibration in nm, micron or mm).")
    Double pixelSize;

    @Option(names = "--defocus", defaultValue = "0", description = "Distance from focus in nm"
            + " (default: ${DEFAULT-VALUE}).")
    double defocus;

    @Option(names = "--sample-ri", description = "Refractive index of the sample (default: the immersion's); another"
            + " one (water 1.333 under an oil objective) gives the Gibson-Lanni PSF with its depth aberration.")
    Double sampleRi;

    @Option(names = "--depth", defaultValue = "0", description = "Depth of the imaged plane below the coverslip in nm,"
            + " for --sample-ri (default: ${DEFAULT-VALUE}).")
    double depth;

    /** Whether the user named an objective (gave --na). */
    boolean given() {
        return na != null;
    }

    double naOrDefault() {
        return na != null ? na : DEFAULT_NA;
    }

    /** The objective the options describe, checked; --na defaults to {@link #DEFAULT_NA}. */
    WidefieldObjective widefieldObjective() {
        return new WidefieldObjective(naOrDefault(), wavelength, ri, defocus)
                .inSample(sampleRi != null ? sampleRi : ri, depth);
    }

    /**
     * The pixel size given, or NaN for "each image's calibration".
     *
     * @throws IllegalArgumentException when one is given and is not positive (Fiji's 0 = calibration is no option
     *                                  here: leaving it out is)
     */
    double pixelSizeOrNaN() {
        if (pixelSize != null && !(pixelSize > 0)) {
            throw new IllegalArgumentException("--pixel-size must be positive (nm), got " + pixelSize
                    + ": leave it out to take each image's calibration");
        }
        return pixelSize != null ? pixelSize : Double.NaN;
    }
}
