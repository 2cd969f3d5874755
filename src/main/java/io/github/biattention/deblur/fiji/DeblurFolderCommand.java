package io.github.biattention.deblur.fiji;

import ij.ImagePlus;
import io.github.biattention.deblur.imagej.FileDeblurring;
import io.github.biattention.deblur.imagej.KnownOptics;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelException;
import io.github.biattention.deblur.model.ModelFiles;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins > Deblurring > Bi-Attention Deblur Folder: deblurs an image file, or every image of a folder, into an
 * output folder as TIFF, without opening anything; the headless batch entry point. A file that fails is reported
 * and the others are still processed.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Deblurring>Bi-Attention Deblur Folder", headless = true)
public final class DeblurFolderCommand extends AbstractOpticsDeblurCommand {

    @Parameter(label = "Input file or folder")
    private File input;

    @Parameter(label = "Output folder", style = "directory")
    private File output;

    @Parameter(label = "Model (bundled name or model file)", description = "widefield for fluorescence microscopy,"
            + " general for photographs and other images, or a user model's name or file")
    private String model = ModelFiles.DEFAULT_MODEL;

    @Parameter(label = "Overwrite existing files")
    private boolean overwrite;

    @Parameter(label = "Skip existing files", required = false, description = "Leave outputs that exist and go on"
            + " (to resume a batch); otherwise an existing output is reported and left, unless replaced")
    private boolean skipexisting;

    @Parameter(label = "Keep bit depth", description = "Output in the input's bit depth (clipped to its range and"
            + " rounded; RGB stays RGB) instead of 32-bit")
    private boolean keepdepth;

    @Parameter(type = ItemIO.OUTPUT, label = "Summary")
    private String summary;

    @Override
    public void run() {
        try {
            DeblurSettings settings = settings();
            KnownOptics optics = knownOptics(); // checked before any file
            if (input == null || output == null) {
                throw new IOException("Choose an input file or folder and an output folder");
            }
            // A file input goes into the output folder under its own name.
            if (overwrite && skipexisting) {
                throw new IOException("Choose 'Overwrite existing files' or 'Skip existing files', not both");
            }
            List<FileDeblurring.Job> jobs = FileDeblurring.plan(input.toPath(), output.toPath(), overwrite
                    ? FileDeblurring.Existing.OVERWRITE : skipexisting ? FileDeblurring.Existing.SKIP
                    : FileDeblurring.Existing.REFUSE, "'Overwrite existing files' (overwrite=true)",
                    "'Skip existing files' (skipexisting=true)");
            List<String> failures = new ArrayList<>();
            int[] written = {0};
            int[] skipped = {0};
            try (DeblurModel loaded = ModelFiles.open(model, settings.device(), this::warn)) {
                FileDeblurring.run(jobs, loaded, settings, optics, keepdepth, new FileDeblurring.Listener() {
                    @Override
                    public void done(FileDeblurring.Job job, ImagePlus image, double seconds) {
                        written[0]++;
                        info(String.format(Locale.ROOT, "%s -> %s (%.1f s)", job.input.getFileName(), job.output,
                                seconds));
                    }

                    @Override
                    public void skipped(FileDeblurring.Job job) {
                        skipped[0]++;
                        info(job.input.getFileName() + ": skipped, " + job.output + " exists");
                    }

                    @Override
                    public void failed(FileDeblurring.Job job, String message) {
                        failures.add(message);
                        warn(message);
                    }
                }, progress(), this::isCanceled);
            }
            summary = written[0] + " of " + jobs.size() + " images deblurred into " + output
                    + (skipped[0] == 0 ? "" : " (" + skipped[0] + " skipped: their outputs exist)")
                    + (failures.isEmpty() ? "" : "; failed: " + String.join("; ", failures));
            if (!failures.isEmpty()) {
                fail(summary);
            } else {
                info(summary);
            }
        } catch (ModelException | IOException | IllegalArgumentException e) {
            fail(e.getMessage());
        } catch (CancellationException e) {
            summary = "Cancelled; files finished before the cancel are kept, no partial file is left";
        } catch (RuntimeException | OutOfMemoryError e) {
            fail(unexpected(e));
        } finally {
            clearProgress();
        }
    }
}
