package io.github.biattention.deblur.fiji;

import ij.ImagePlus;
import io.github.biattention.deblur.classical.Boundary;
import io.github.biattention.deblur.classical.Psf;
import io.github.biattention.deblur.classical.WidefieldObjective;
import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.imagej.ClassicalDeconvolution;
import java.io.File;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;

/**
 * Plugins > Deblurring > Classical Deconvolution: Richardson–Lucy (optionally with TV) or Wiener deconvolution of
 * the active image with a Gaussian, disk, motion, widefield (Born &amp; Wolf) or measured PSF, into a new 32-bit
 * image with the same dimensions and calibration, to set beside the network's result. Macro keys are the field
 * names; only the parameters of the chosen PSF are used.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Deblurring>Classical Deconvolution")
public final class ClassicalDeconvolutionCommand extends ContextCommand {

    @Parameter(label = "Image")
    private ImagePlus image;

    @Parameter(label = "Method", choices = {"Richardson-Lucy", "Wiener"})
    private String method = "Richardson-Lucy";

    @Parameter(label = "Iterations (RL)", min = "1", max = "10000")
    private int iterations = 30;

    @Parameter(label = "TV weight (RL)", min = "0", max = "0.1", stepSize = "0.001",
            description = "Total-variation regularisation (Dey et al. 2006); 0 for none, about 0.002 for noisy data")
    private double tv;

    @Parameter(label = "Noise-to-signal ratio (Wiener)", min = "0", stepSize = "0.001")
    private double nsr = 0.01;

    @Parameter(label = "Edges", choices = {"reflect", "zero"},
            description = "reflect: mirror the image beyond its edges; zero: black outside (as scikit-image)")
    private String boundary = "reflect";

    @Parameter(label = "PSF", choices = {"gaussian", "disk", "motion", "widefield", "file"})
    private String psf = "gaussian";

    @Parameter(label = "Gaussian sigma (pixels)", min = "0.01", max = "20", stepSize = "0.1")
    private double sigma = 1.5;

    @Parameter(label = "Disk radius (pixels)", min = "0.01", max = "64", stepSize = "0.5")
    private double radius = 3;

    @Parameter(label = "Motion length (pixels)", min = "1", max = "200")
    private double length = 9;

    @Parameter(label = "Motion angle (degrees)", description = "Counter-clockwise from the +x axis")
    private double angle;

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
            description = "A measured PSF image (background = median of its border, centred, normalised)")
    private File psffile;

    @Parameter(required = false)
    private StatusService status;

    @Parameter(required = false)
    private LogService log;

    @Parameter(required = false)
    private UIService ui;

    @Parameter(type = ItemIO.OUTPUT)
    private ImagePlus deconvolved;

    @Override
    public void run() {
        try {
            Kernel kernel = kernel();
            Boundary edges = Boundary.valueOf(boundary.trim().toUpperCase(Locale.ROOT));
            boolean wiener = method.trim().toLowerCase(Locale.ROOT).startsWith("w");
            deconvolved = ClassicalDeconvolution.deconvolve(image,
                    ClassicalDeconvolution.deconvolver(wiener ? "wiener" : "rl", kernel, iterations, tv, nsr, edges),
                    wiener ? "wiener" : "rl",
                    status == null ? (done, total, message) -> { } : (done, total, message) -> status.showStatus(
                            done, total, message), this::isCanceled);
            if (log != null) {
                log.info(deconvolved.getTitle() + ": PSF " + psf + " " + kernel.size() + "x" + kernel.size());
            }
        } catch (IOException | IllegalArgumentException e) {
            fail(e.getMessage());
        } catch (CancellationException e) {
            deconvolved = null; // cancelled by the user: no output image
        } finally {
            if (status != null) {
                status.clearStatus();
            }
        }
    }

    private Kernel kernel() throws IOException {
        switch (psf.trim().toLowerCase(Locale.ROOT)) {
            case "gaussian":
                return Psf.gaussian(sigma);
            case "disk":
                return Psf.disk(radius);
            case "motion":
                return Psf.motion(length, angle);
            case "widefield": {
                WidefieldObjective objective = ClassicalDeconvolution.objective(na, wavelength, ri, defocus, sampleri,
                        depth);
                // 0 is the dialog's "from calibration".
                return objective.kernel(ClassicalDeconvolution.pixelSizeNm(image,
                        pixelsize > 0 ? pixelsize : Double.NaN, "enter the pixel size (nm)"));
            }
            case "file":
                if (psffile == null) {
                    throw new IllegalArgumentException("PSF is 'file' but no PSF file was given");
                }
                return ClassicalDeconvolution.readPsf(psffile.toPath());
            default:
                throw new IllegalArgumentException("Unknown PSF '" + psf + "'");
        }
    }

    /** One message (a dialog in the UI, a log line headless), and the command cancelled with it. */
    private void fail(String message) {
        if (ui != null && !ui.isHeadless()) {
            ui.showDialog(message, "Classical Deconvolution", DialogPrompt.MessageType.ERROR_MESSAGE);
        } else if (log != null) {
            log.error(message);
        }
        cancel(message);
    }
}
