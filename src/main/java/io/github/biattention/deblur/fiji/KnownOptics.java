package io.github.biattention.deblur.fiji;

import ij.ImagePlus;
import io.github.biattention.deblur.classical.PsfRefinement;
import io.github.biattention.deblur.classical.WidefieldPsf;
import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.inference.DeblurSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the user knows of the optics, turned into each image's optics-aware step ({@link PsfRefinement}): a measured
 * PSF file, or a widefield objective (NA, emission wavelength, immersion index, pixel size, defocus) whose Born &amp;
 * Wolf PSF is computed at the image's own pixel size unless one is given. {@link #NONE}: the blind network alone.
 */
public final class KnownOptics {
    public static final KnownOptics NONE = new KnownOptics(null, Double.NaN, 0, 0, Double.NaN, 0, 0);

    private final Path psfFile;
    private final double na;
    private final double wavelength;
    private final double refractiveIndex;
    private final double pixelSize;
    private final double defocus;
    private final int iterations;
    /** The file's PSF, read once. */
    private Kernel measured;
    /** The last computed widefield PSF and its pixel size: a batch's images usually share one. */
    private Kernel computed;
    private double computedPixelSize = Double.NaN;

    private KnownOptics(Path psfFile, double na, double wavelength, double refractiveIndex, double pixelSize,
            double defocus, int iterations) {
        this.psfFile = psfFile;
        this.na = na;
        this.wavelength = wavelength;
        this.refractiveIndex = refractiveIndex;
        this.pixelSize = pixelSize;
        this.defocus = defocus;
        this.iterations = iterations;
    }

    /**
     * A measured PSF (an image file, e.g. an averaged bead) at the images' pixel size, read now, so that a bad file
     * is one message before any image rather than one failure per image.
     */
    public static KnownOptics psfFile(Path file, int iterations) {
        KnownOptics optics = new KnownOptics(file, Double.NaN, 0, 0, Double.NaN, 0, checked(iterations));
        try {
            optics.measured = ClassicalDeconvolution.readPsf(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the PSF file " + file + ": " + e.getMessage(), e);
        }
        return optics;
    }

    /**
     * A widefield objective; {@code pixelSizeNm} NaN or ≤ 0 takes each image's calibration. The numbers are checked
     * when the first PSF is made (by {@link WidefieldPsf}).
     */
    public static KnownOptics widefield(double na, double wavelengthNm, double refractiveIndex, double pixelSizeNm,
            double defocusNm, int iterations) {
        if (Double.isNaN(na)) {
            throw new IllegalArgumentException("The numerical aperture is not a number");
        }
        // Checks the optics now (any valid pixel size will do), not once per image.
        new WidefieldPsf(na, wavelengthNm, refractiveIndex, pixelSizeNm > 0 ? pixelSizeNm : 100, defocusNm);
        return new KnownOptics(null, na, wavelengthNm, refractiveIndex, pixelSizeNm > 0 ? pixelSizeNm : Double.NaN,
                defocusNm, checked(iterations));
    }

    private static int checked(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("Refinement iterations must be at least 1, got " + iterations);
        }
        return iterations;
    }

    public boolean isNone() {
        return psfFile == null && Double.isNaN(na);
    }

    /** {@code base} plus this image's refinement step; {@code base} itself when nothing is known. */
    public DeblurSettings settingsFor(ImagePlus image, DeblurSettings base) {
        return psf(image).map(k -> base.toBuilder().refinement(new PsfRefinement(k, iterations)).build())
                .orElse(base);
    }

    /** The PSF for {@code image}, empty for {@link #NONE}. */
    public synchronized Optional<Kernel> psf(ImagePlus image) {
        if (measured != null) {
            return Optional.of(measured);
        }
        if (Double.isNaN(na)) {
            return Optional.empty();
        }
        double pixel = Double.isNaN(pixelSize) ? ClassicalDeconvolution.pixelSizeNm(image) : pixelSize;
        if (Double.isNaN(pixel)) {
            throw new IllegalArgumentException(image.getTitle() + " has no pixel size in nm, micron or mm in its"
                    + " calibration: give the pixel size (nm) for the optics-aware step");
        }
        if (computed == null || pixel != computedPixelSize) {
            computed = new WidefieldPsf(na, wavelength, refractiveIndex, pixel, defocus).kernel();
            computedPixelSize = pixel;
        }
        return Optional.of(computed);
    }
}
