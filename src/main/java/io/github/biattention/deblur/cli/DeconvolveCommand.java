package io.github.biattention.deblur.cli;

import ij.ImagePlus;
import io.github.biattention.deblur.classical.Boundary;
import io.github.biattention.deblur.classical.Deconvolver;
import io.github.biattention.deblur.classical.Psf;
import io.github.biattention.deblur.classical.WidefieldObjective;
import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.imagej.ClassicalDeconvolution;
import io.github.biattention.deblur.imagej.FileDeblurring;
import io.github.biattention.deblur.files.TiffOutput;
import io.github.biattention.deblur.inference.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deconvolve}: classical Richardson–Lucy or Wiener deconvolution with a given or computed PSF. */
@Command(name = "deconvolve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Deconvolves an image file, or every image of a folder, with Richardson-Lucy or Wiener"
                + " (classical baselines to compare with the network) into 32-bit TIFF in the input's intensity"
                + " scale; stacks plane by plane.",
            "Exactly one PSF option is needed."})
final class DeconvolveCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, description = "Image file, or folder of images.")
    Path input;

    @Mixin
    OutputOptions output;

    @Option(names = "--method", defaultValue = "rl", description = "rl (Richardson-Lucy) or wiener"
            + " (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--iterations", defaultValue = "30", description = "Richardson-Lucy iterations"
            + " (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--tv", defaultValue = "0", paramLabel = "LAMBDA", description = "Richardson-Lucy total-variation"
            + " weight, 0 to 0.1; about 0.002 for noisy data (default: ${DEFAULT-VALUE}).")
    double tv;

    @Option(names = "--nsr", defaultValue = "0.01", description = "Wiener noise-to-signal power ratio"
            + " (default: ${DEFAULT-VALUE}).")
    double nsr;

    @Option(names = "--boundary", defaultValue = "reflect", description = "reflect (mirror the image beyond its"
            + " edges) or zero (as scikit-image's richardson_lucy) (default: ${DEFAULT-VALUE}).")
    String boundary;

    @ArgGroup(exclusive = true, multiplicity = "1")
    PsfChoice psf;

    /** The PSF options; picocli lets exactly one through. */
    static final class PsfChoice {
        @Option(names = "--psf", paramLabel = "FILE", description = "Measured PSF image (border-median background"
                + " subtracted, centred on its centre of mass, normalised; a stack gives its brightest plane).")
        Path file;

        @Option(names = "--psf-gaussian", paramLabel = "SIGMA", description = "Gaussian PSF, sigma in pixels.")
        Double gaussian;

        @Option(names = "--psf-disk", paramLabel = "RADIUS", description = "Uniform disk (defocus), radius in pixels.")
        Double disk;

        @Option(names = "--psf-motion", paramLabel = "LENGTH,ANGLE", split = ",", arity = "1",
                description = "Straight motion blur: length in pixels, angle in degrees counter-clockwise from +x.")
        double[] motion;

        @Option(names = "--widefield", description = "Widefield fluorescence PSF (Born & Wolf) from --na,"
                + " --wavelength, --ri, --pixel-size, --defocus.")
        boolean widefield;
    }

    @Mixin
    ObjectiveOptions objective;

    @Option(names = "--verbose", description = "Print the PSF size and the time of each image.")
    boolean verbose;

    // The PSF of the image being written, for the --verbose line (the loop runs one image at a time).
    private Kernel lastKernel;

    @Override
    public Integer call() throws Exception {
        Boundary edges = parseBoundary(boundary);
        List<FileDeblurring.Job> jobs = output.plan(input);
        // Fixed PSFs are built (and a PSF file read) once, before any image, so a bad PSF fails fast; so is the
        // objective checked, and its PSF made once when the pixel size is given, else at each image's calibration.
        WidefieldObjective widefield = psf.widefield ? objective.widefieldObjective() : null;
        Kernel fixed = psf.widefield ? widefieldPsfOfGivenPixelSize(widefield) : fixedPsf();
        BatchReport report = new BatchReport() {
            @Override
            public void done(FileDeblurring.Job job, ImagePlus image, double seconds) {
                if (verbose) {
                    System.out.printf(Locale.ROOT, "%s: %dx%d x %d planes, %s, PSF %dx%d, %.2f s -> %s%n",
                            job.input.getFileName(), image.getWidth(), image.getHeight(), image.getStackSize(),
                            describe(), lastKernel.size(), lastKernel.size(), seconds, job.output);
                }
            }
        };
        try (Interruption interruption = new Interruption()) {
            try {
                // The same batch loop as deblur: one bad file is reported and the next one processed.
                FileDeblurring.run(jobs, image -> {
                    Kernel kernel = fixed != null ? fixed : widefieldPsf(widefield, image);
                    lastKernel = kernel;
                    Deconvolver deconvolver = ClassicalDeconvolution.deconvolver(method, kernel, iterations, tv, nsr,
                            edges);
                    return ClassicalDeconvolution.deconvolve(image, deconvolver, suffix(), ProgressListener.NONE,
                            interruption.requested());
                }, report, interruption.requested(), TiffOutput.Streams.FILES);
            } catch (CancellationException e) {
                return BatchReport.cancelled(e);
            }
        }
        return report.finish(jobs.size());
    }

    private Kernel fixedPsf() throws IOException {
        if (psf.file != null) {
            return ClassicalDeconvolution.readPsf(psf.file);
        }
        if (psf.gaussian != null) {
            return Psf.gaussian(psf.gaussian);
        }
        if (psf.disk != null) {
            return Psf.disk(psf.disk);
        }
        if (psf.motion.length != 2) {
            throw new IllegalArgumentException("--psf-motion takes LENGTH,ANGLE, e.g. 9,30");
        }
        return Psf.motion(psf.motion[0], psf.motion[1]);
    }

    /** The objective's PSF at the --pixel-size given; null when each image's calibration gives it. */
    private Kernel widefieldPsfOfGivenPixelSize(WidefieldObjective widefield) {
        double pixel = objective.pixelSizeOrNaN();
        return Double.isNaN(pixel) ? null : widefield.kernel(pixel);
    }

    private Kernel widefieldPsf(WidefieldObjective widefield, ImagePlus image) {
        return widefield.kernel(ClassicalDeconvolution.pixelSizeNm(image, Double.NaN, "give --pixel-size (nm)"));
    }

    private String suffix() {
        return method.trim().toLowerCase(Locale.ROOT).startsWith("w") ? "wiener" : "rl";
    }

    private String describe() {
        return suffix().equals("wiener") ? "Wiener nsr " + nsr
                : String.format(Locale.ROOT, "RL %d iterations%s", iterations, tv > 0 ? ", TV " + tv : "");
    }

    static Boundary parseBoundary(String value) {
        try {
            return Boundary.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown boundary '" + value + "': use reflect or zero");
        }
    }
}
