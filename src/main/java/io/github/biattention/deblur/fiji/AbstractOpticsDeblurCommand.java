package io.github.biattention.deblur.fiji;

import io.github.biattention.deblur.classical.PsfRefinement;
import io.github.biattention.deblur.imagej.ClassicalDeconvolution;
import io.github.biattention.deblur.imagej.KnownOptics;
import java.io.File;
import org.scijava.plugin.Parameter;

/**
 * The deblur commands that work on ImageJ images (the active image, or files): the shared parameters plus what the
 * user knows of the optics, for the optics-aware step ({@link KnownOptics}); the image's calibration gives the pixel
 * size unless one is entered.
 */
abstract class AbstractOpticsDeblurCommand extends AbstractDeblurCommand {

    static final String KNOWN_NONE = "none (blind)";
    static final String KNOWN_WIDEFIELD = "widefield objective";
    static final String KNOWN_PSF = "PSF file";

    // Not remembered between runs: a PSF left selected from another session must not silently apply to a new image.
    @Parameter(label = "Optics (optional)", choices = {KNOWN_NONE, KNOWN_WIDEFIELD, KNOWN_PSF}, persist = false,
            description = "When the optics are known, the network's result is refined with their PSF")
    private String optics = KNOWN_NONE;

    @Parameter(label = "Numerical aperture", min = "0.01", max = "2.9", stepSize = "0.05")
    private double na = 1.4;

    @Parameter(label = "Emission wavelength (nm)", min = "200", max = "2000")
    private double wavelength = 520;

    @Parameter(label = "Immersion refractive index", min = "1", max = "3", stepSize = "0.001")
    private double ri = 1.515;

    @Parameter(label = "Pixel size (nm; 0 = from calibration)", min = "0")
    private double pixelsize;

    @Parameter(label = "Defocus (nm)")
    private double defocus;

    @Parameter(label = "Sample refractive index (0 = as the immersion)", min = "0", max = "3", stepSize = "0.01",
            description = "Another index than the immersion's (water 1.333 under an oil objective) gives the"
            + " Gibson-Lanni PSF with the aberration of the depth below")
    private double sampleri;

    @Parameter(label = "Depth below the coverslip (nm)", min = "0", max = "200000",
            description = "Where the imaged plane lies in the sample (with a sample index that differs)")
    private double depth;

    @Parameter(label = "PSF file", required = false, style = "open",
            description = "A measured PSF image (e.g. an averaged bead) at the image's pixel size")
    private File psffile;

    @Parameter(label = "Refinement iterations", min = "1", max = "200")
    private int refine = PsfRefinement.DEFAULT_ITERATIONS;

    /** The optics as entered; {@link KnownOptics#NONE} for the blind network. */
    KnownOptics knownOptics() {
        switch (optics) {
            case KNOWN_WIDEFIELD:
                return KnownOptics.widefield(
                        ClassicalDeconvolution.objective(na, wavelength, ri, defocus, sampleri, depth), pixelsize, refine);
            case KNOWN_PSF:
                if (psffile == null) {
                    throw new IllegalArgumentException("Optics is '" + KNOWN_PSF + "' but no PSF file was given.");
                }
                return KnownOptics.psfFile(psffile.toPath(), refine);
            default:
                return KnownOptics.NONE;
        }
    }
}
