package io.github.biattention.deblur.cli;

import ij.ImagePlus;
import io.github.biattention.deblur.classical.PsfRefinement;
import io.github.biattention.deblur.imagej.FileDeblurring;
import io.github.biattention.deblur.imagej.KnownOptics;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeviceChoice;
import io.github.biattention.deblur.inference.ProgressListener;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deblur}: one image to one file, or every image of a folder into another folder. */
@Command(name = "deblur", mixinStandardHelpOptions = true,
        description = "Deblurs an image file, or every image of a folder, into 32-bit TIFF in the input's intensity"
                + " scale.")
final class DeblurCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, description = "Image file, or folder of images.")
    Path input;

    @Mixin
    OutputOptions output;

    @Option(names = "--model", defaultValue = ModelFiles.DEFAULT_MODEL,
            description = "Bundled model name or model file (default: ${DEFAULT-VALUE}).")
    String model;

    @Mixin
    TilingOptions tiling;

    @Option(names = "--low", description = "Low normalisation percentile (default: the model's, usually 1).")
    Double low;

    @Option(names = "--high", description = "High normalisation percentile (default: the model's, usually 99.8).")
    Double high;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--per-plane", description = "Normalise each plane separately (default: one set of percentiles"
            + " per channel over the whole stack).")
    boolean perPlane;

    @Option(names = "--keep-bit-depth", description = "Write the input's bit depth (clipped and rounded; RGB stays"
            + " RGB) instead of 32-bit.")
    boolean keepBitDepth;

    @Option(names = "--verbose", description = "Print the time and megapixels per second of each image.")
    boolean verbose;

    @Option(names = "--psf", paramLabel = "FILE", description = "Optics-aware step: a measured PSF image (e.g. an"
            + " averaged bead) at the images' pixel size; the network's result is refined with it (Richardson-Lucy"
            + " from the network's estimate, weighted by signal). Or give the objective with --na and the options"
            + " after it for a computed widefield PSF.")
    Path psf;

    @Mixin
    ObjectiveOptions objective;

    @Option(names = "--refine", description = "Iterations of the optics-aware step (default: "
            + PsfRefinement.DEFAULT_ITERATIONS + "); needs --psf or --na.")
    Integer refine;

    /** 128 + SIGINT, as shells report a command stopped by Ctrl-C. */
    static final int EXIT_CANCELLED = 130;

    @Override
    public Integer call() throws Exception {
        KnownOptics optics = optics();
        List<FileDeblurring.Job> jobs = output.plan(input);
        DeblurSettings.Builder builder = tiling.settings()
                .device(DeviceChoice.parse(device)).perPlaneNormalization(perPlane);
        if (low != null) {
            builder.lowPercentile(low);
        }
        if (high != null) {
            builder.highPercentile(high);
        }
        DeblurSettings settings = builder.build();
        Report report = new Report();
        try (Interruption interruption = new Interruption();
                DeblurModel deblurModel = ModelFiles.open(model, settings.device(),
                        message -> System.err.println("Warning: " + message))) {
            if (verbose) {
                System.out.println("Model " + deblurModel.source() + " on " + deblurModel.device());
            }
            try {
                FileDeblurring.run(jobs, deblurModel, settings, optics, keepBitDepth, report, report,
                        interruption.requested());
            } catch (CancellationException e) {
                // Said here, before the interruption is closed: once it is, the JVM may halt at any moment.
                return BatchReport.cancelled(e);
            }
        }
        return report.finish(jobs.size());
    }

    /** One line per file: errors on stderr, timings with --verbose; notes (smaller tiles) on stderr. */
    private KnownOptics optics() {
        int iterations = refine != null ? refine : PsfRefinement.DEFAULT_ITERATIONS;
        if (psf != null && objective.given()) {
            throw new IllegalArgumentException("Give either --psf or --na, not both");
        }
        if (psf != null) {
            return KnownOptics.psfFile(psf, iterations);
        }
        if (objective.given()) {
            return KnownOptics.widefield(objective.widefieldObjective(), objective.pixelSizeOrNaN(), iterations);
        }
        if (refine != null) {
            throw new IllegalArgumentException("--refine needs the optics: give --psf FILE or --na (and the others)");
        }
        return KnownOptics.NONE;
    }

    private final class Report extends BatchReport implements ProgressListener {
        @Override
        public void done(FileDeblurring.Job job, ImagePlus image, double seconds) {
            if (verbose) {
                int colours = image.getType() == ImagePlus.COLOR_RGB ? 3 : 1;
                double megapixels = (double) image.getWidth() * image.getHeight() * image.getStackSize() * colours
                        / 1e6;
                System.out.printf(Locale.ROOT, "%s: %dx%d%s x %d planes, %.2f s, %.2f megapixels/s -> %s%n",
                        job.input.getFileName(), image.getWidth(), image.getHeight(), colours == 3 ? " RGB (3"
                        + " channels)" : "", image.getStackSize(), seconds, megapixels / seconds, job.output);
            }
        }

        @Override
        public void progress(int done, int total, String message) {
            // No progress bar on the command line.
        }

        @Override
        public void note(String message) {
            System.err.println("Warning: " + message);
        }
    }
}
