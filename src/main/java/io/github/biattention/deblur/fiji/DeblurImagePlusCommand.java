package io.github.biattention.deblur.fiji;

import ij.ImagePlus;
import io.github.biattention.deblur.classical.PsfRefinement;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelException;
import io.github.biattention.deblur.model.ModelFiles;
import java.io.File;
import java.util.concurrent.CancellationException;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins > Deblurring > Bi-Attention Deblur: deblurs the active image (2D, stacks, hyperstacks; 8/16/32-bit, RGB)
 * into a new 32-bit image with the same dimensions and calibration. Macro keys are the field names.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Deblurring>Bi-Attention Deblur")
public final class DeblurImagePlusCommand extends AbstractDeblurCommand {

    @Parameter(label = "Image")
    private ImagePlus image;

    @Parameter(label = "Model", description = "A bundled or user model, or 'file' to use the model file below",
            choices = {"general", "file"}, initializer = "initModels")
    private String model = ModelFiles.DEFAULT_MODEL;

    @Parameter(label = "Model file", required = false, style = "extensions:zip",
            description = "Used when Model is 'file'")
    private File modelfile;

    @Parameter(label = "Keep bit depth", description = "Output in the input's bit depth (clipped to its range and"
            + " rounded; RGB stays RGB) instead of 32-bit")
    private boolean keepdepth;

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

    @Parameter(label = "PSF file", required = false, style = "open",
            description = "A measured PSF image (e.g. an averaged bead) at the image's pixel size")
    private File psffile;

    @Parameter(label = "Refinement iterations", min = "1", max = "200")
    private int refine = PsfRefinement.DEFAULT_ITERATIONS;

    @Parameter(type = ItemIO.OUTPUT)
    private ImagePlus deblurred;

    static final String KNOWN_NONE = "none (blind)";
    static final String KNOWN_WIDEFIELD = "widefield objective";
    static final String KNOWN_PSF = "PSF file";

    /** Lists the user's models too (see {@link io.github.biattention.deblur.model.UserModels}). */
    private void initModels() {
        offerModels("model", "file");
    }

    @Override
    public void run() {
        String source = "file".equals(model) ? (modelfile == null ? "" : modelfile.getPath()) : model;
        if (source.isEmpty()) {
            fail("Model is 'file' but no model file was given: choose a .zip model file.");
            return;
        }
        try {
            DeblurSettings settings = knownOptics().settingsFor(image, settings());
            try (DeblurModel loaded = ImageDeblurring.openModel(source, settings.device(), this::warn)) {
                deblurred = ImageDeblurring.deblur(image, loaded, settings, keepdepth, progress(), this::isCanceled);
            }
        } catch (ModelException | IllegalArgumentException e) {
            fail(e.getMessage());
        } catch (CancellationException e) {
            deblurred = null; // cancelled by the user: no output image
        } catch (RuntimeException | OutOfMemoryError e) {
            deblurred = null;
            fail(unexpected(e));
        } finally {
            clearProgress();
        }
    }

    private KnownOptics knownOptics() {
        switch (optics) {
            case KNOWN_WIDEFIELD:
                return KnownOptics.widefield(na, wavelength, ri, pixelsize, defocus, refine);
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
