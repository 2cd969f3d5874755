package io.github.biattention.deblur.imagej;

import ij.ImagePlus;
import io.github.biattention.deblur.classical.PsfRefinement;
import io.github.biattention.deblur.classical.WidefieldObjective;
import io.github.biattention.deblur.classical.WidefieldPsf;
import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.inference.DeblurSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the user knows of the optics, turned into each image's optics-aware step ({@link PsfRefinement}): a measured
 * PSF file, or a widefield objective ({@link WidefieldObjective}: NA, emission wavelength, immersion index, defocus)
 * whose Born &amp; Wolf PSF is computed at the image's own pixel size unless one is given. {@link #NONE}: the blind
 * network alone.
 */
public final class KnownOptics {
    public static final KnownOptics NONE = new KnownOptics(null, null, Double.NaN, 0);

    private final Path psfFile;
    private final WidefieldObjective objective;
    /** The pixel size given in nm, NaN for each image's calibration. */
    private final double pixelSize;
    private final int iterations;
    /** The file's PSF, read once. */
    private Kernel measured;
    /** The last computed widefield PSF and its pixel size: a batch's images usually share one. */
    private Kernel computed;
    private double computedPixelSize = Double.NaN;

    private KnownOptics(Path psfFile, WidefieldObjective objective, double pixelSize, int iterations) {
        this.psfFile = psfFile;
        this.objective = objective;
        this.pixelSize = pixelSize;
        this.iterations = iterations;
    }

    /**
     * A measured PSF (an image file, e.g. an averaged bead) at the images' pixel size, read now, so that a bad file
     * is one message before any image rather than one failure per image.
     */
    public static KnownOptics psfFile(Path file, int iterations) {
        KnownOptics optics = new KnownOptics(file, null, Double.NaN, checked(iterations));
        try {
            optics.measured = ClassicalDeconvolution.readPsf(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the PSF file " + file + ": " + e.getMessage(), e);
        }
        return optics;
    }

    /**
     * A widefield objective (checked when it was made); {@code pixelSizeNm} NaN or ≤ 0 takes each image's
     * calibration, a given one is checked now, not once per image.
     */
    public static KnownOptics widefield(WidefieldObjective objective, double pixelSizeNm, int iterations) {
        double pixel = pixelSizeNm > 0 ? pixelSizeNm : Double.NaN;
        if (!Double.isNaN(pixel)) {
            WidefieldPsf.checkPixelSize(pixel);
        }
        return new KnownOptics(null, objective, pixel, checked(iterations));
    }

    private static int checked(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("Refinement iterations must be at least 1, got " + iterations);
        }
        return iterations;
    }

    public boolean isNone() {
        return psfFile == null && objective == null;
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
        if (objective == null) {
            return Optional.empty();
        }
        double pixel = ClassicalDeconvolution.pixelSizeNm(image, pixelSize,
                "give the pixel size (nm) for the optics-aware step");
        if (computed == null || pixel != computedPixelSize) {
            computed = objective.kernel(pixel);
            computedPixelSize = pixel;
        }
        return Optional.of(computed);
    }
}
