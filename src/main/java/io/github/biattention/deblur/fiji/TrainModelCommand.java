package io.github.biattention.deblur.fiji;

import ij.IJ;
import io.github.biattention.deblur.model.ModelFiles;
import io.github.biattention.deblur.model.UserModels;
import io.github.biattention.deblur.network.NetworkConfig;
import io.github.biattention.deblur.training.DeblurTrainer;
import io.github.biattention.deblur.training.TrainingData;
import io.github.biattention.deblur.training.TrainingSettings;
import io.github.biattention.deblur.training.ValidationReport;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;

/**
 * Plugins > Deblurring > Train Deblurring Model: trains a model on the user's images ({@link DeblurTrainer}) and
 * saves it, with a Markdown card, into the user models folder ({@link UserModels}), so the deblur commands list it.
 * The model file is rewritten at each validation that beats the best so far; cancelling (or Esc) stops after the
 * current step and keeps that best model. Macro keys are the field names.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Deblurring>Train Deblurring Model", headless = true)
public final class TrainModelCommand extends DynamicCommand {



    /** Steps between validations: a tenth of the run, within these bounds. */
    static final int MIN_VALIDATE_EVERY = 10;
    static final int MAX_VALIDATE_EVERY = 250;
    static final int VALIDATION_COUNT = 16;
    static final String SCRATCH = "scratch";

    @Parameter(label = "Data", choices = {"photograph", "widefield", "pairs"},
            description = "photograph: your sharp images blurred by camera shake, defocus and Gaussians; widefield:"
                    + " blurred by random widefield microscope PSFs; pairs: your own blurred and sharp images")
    private String data = "photograph";

    @Parameter(label = "Images", style = "directory", required = false,
            description = "Sharp images (photograph, widefield; empty: procedural images only), or for pairs the"
                    + " blurred images or a folder holding blur/ and sharp/")
    private File images;

    // Not remembered: a stale second folder would silently turn a folder holding blur/ and sharp/ into two folders.
    @Parameter(label = "Sharp partners (pairs)", style = "directory", required = false, persist = false,
            description = "For pairs in two folders: the sharp images, with the blurred images' names")
    private File sharp;

    @Parameter(label = "Model name", description = "Saved as NAME.zip (and NAME.md) in the user models folder")
    private String name = "my-model";

    @Parameter(label = "Start from", choices = {SCRATCH, ModelFiles.DEFAULT_MODEL}, initializer = "initStart",
            description = "A bundled or user model whose weights and architecture start the run, or scratch")
    private String start = SCRATCH;

    @Parameter(label = "Width (from scratch)", min = "4", max = "128")
    private int width = 16;

    @Parameter(label = "Blocks per level (from scratch)", min = "0", max = "8")
    private int blocks = 1;

    @Parameter(label = "Steps", min = "1")
    private int steps = 2000;

    @Parameter(label = "Batch size", min = "1", max = "256")
    private int batch = 4;

    @Parameter(label = "Patch size", min = "16", max = "1024", description = "Side of the training crops")
    private int patch = 96;

    @Parameter(label = "Learning rate", min = "0", stepSize = "0.0001", style = "format:0.######")
    private double rate = 5e-4;

    @Parameter(label = "Min photons", min = "1", description = "Shot noise added to synthetic data: photons at"
            + " white (widefield: at the peak), drawn between min and max; not used for pairs")
    private double minphotons = 100;

    @Parameter(label = "Max photons", min = "1")
    private double maxphotons = 30000;

    @Parameter(label = "Replace a model of that name")
    private boolean overwrite;

    @Parameter(type = ItemIO.OUTPUT, label = "Summary")
    private String summary;

    /** Validation PSNR (dB) of the network before training, and of the model saved. */
    @Parameter(type = ItemIO.OUTPUT, label = "Validation PSNR at the start")
    private double startpsnr;

    @Parameter(type = ItemIO.OUTPUT, label = "Validation PSNR of the saved model")
    private double psnr;

    @Parameter(required = false)
    private StatusService status;

    @Parameter(required = false)
    private LogService log;

    @Parameter(required = false)
    private UIService ui;

    /** Set when the thread was interrupted: the flag is cleared so the model can still be written, then restored. */
    private boolean interrupted;

    private void initStart() {
        List<String> choices = new ArrayList<>(List.of(SCRATCH));
        choices.addAll(UserModels.allNames());
        getInfo().getMutableInput("start", String.class).setChoices(choices);
    }

    @Override
    public void run() {
        Path checkpoints = null;
        boolean windows = ui != null && !ui.isHeadless() && !GraphicsEnvironment.isHeadless();
        TrainingProgress progress = new TrainingProgress(status, this::info, windows ? new TrainingPlot(true) : null);
        try {
            Path output = output();
            checkpoints = Files.createTempDirectory("bi-attention-train");
            TrainingSettings settings = settings(output, checkpoints);
            info("Training " + name + " on " + settings.data().description());
            IJ.resetEscape();
            long begin = System.nanoTime();
            new DeblurTrainer(settings, progress).run(false, this::stopRequested);
            summary = summary(progress, output, (System.nanoTime() - begin) / 1e9);
            info(summary);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            fail(e.getMessage());
        } finally {
            delete(checkpoints);
            if (status != null) {
                status.clearStatus();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The model file in the user models folder, refused early when the name is invalid or taken. */
    private Path output() throws IOException {
        String trimmed = name == null ? "" : name.trim();
        if (!UserModels.isValidName(trimmed)) {
            throw new IOException("Invalid model name '" + name + "': use letters, digits, '-', '_' and '.'");
        }
        if (ModelFiles.bundledNames().contains(trimmed)) {
            throw new IOException("'" + trimmed + "' is the name of a bundled model: choose another name");
        }
        Path file = UserModels.folders().get(0).resolve(trimmed + ".zip");
        if (Files.exists(file) && !overwrite) {
            throw new IOException("A user model named '" + trimmed + "' exists (" + file + "): choose another name"
                    + " or allow replacing it");
        }
        return file;
    }

    private TrainingSettings settings(Path output, Path checkpoints) throws IOException {
        TrainingData trainingData = TrainingData.choose(TrainingData.Kind.parse(data), path(images), path(sharp),
                minphotons, maxphotons);
        boolean scratch = start == null || start.isBlank() || SCRATCH.equals(start);
        NetworkConfig network = scratch ? NetworkConfig.biAttention(1, width, blocks)
                : DeblurTrainer.architectureOf(start);
        return TrainingSettings.builder()
                .optNetwork(network).optModelName(output.getFileName().toString().replaceFirst("\\.zip$", ""))
                .optSteps(steps).optBatchSize(batch).optPatchSize(patch).optLearningRate((float) rate)
                .optWarmUpSteps(Math.min(200, steps / 10))
                .optValidateEvery(Math.max(MIN_VALIDATE_EVERY, Math.min(MAX_VALIDATE_EVERY, steps / 10)))
                .optValidationCount(VALIDATION_COUNT).optValidationPatchSize(patch)
                .optInitialModel(scratch ? null : start).optData(trainingData)
                .setCheckpointDir(checkpoints).setOutput(output)
                .optCard(output.resolveSibling(output.getFileName().toString().replaceFirst("\\.zip$", ".md")))
                .build();
    }

    private String summary(TrainingProgress progress, Path output, double seconds) {
        startpsnr = progress.first().map(r -> r.psnr).orElse(Double.NaN);
        ValidationReport best = progress.best().orElse(null);
        psnr = best == null ? Double.NaN : best.psnr;
        String stopped = progress.lastStep() < steps ? "Stopped at step " + progress.lastStep() + " of " + steps
                : "Trained " + steps + " steps";
        if (best == null) {
            return stopped + ": no model was written";
        }
        return String.format(Locale.ROOT, "%s in %s; kept the best validation, step %d: PSNR %.2f dB (at the start"
                        + " %.2f dB, blurred inputs %.2f dB), SSIM %.4f. Model '%s' saved as %s with its card.",
                stopped, TrainingProgress.duration(seconds), best.step, best.psnr, startpsnr, best.blurredPsnr,
                best.ssim, name.trim(), output);
    }

    /** Cancel, Esc, or an interrupt of the command's thread. */
    private boolean stopRequested() {
        if (Thread.interrupted()) {
            interrupted = true;
        }
        return interrupted || isCanceled() || IJ.escapePressed();
    }

    private static Path path(File file) {
        return file == null || file.getPath().isEmpty() ? null : file.toPath();
    }

    /** The run's temporary checkpoints: the model and card are all that is kept. */
    private void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            warn("Could not delete the temporary checkpoints in " + dir + ": " + e.getMessage());
        }
    }

    private void info(String message) {
        if (log != null) {
            log.info(message);
        }
    }

    private void warn(String message) {
        if (log != null) {
            log.warn(message);
        }
    }

    /** One message: a dialog in the UI, a log line headless; the command is cancelled with it for macros. */
    private void fail(String message) {
        if (ui != null && !ui.isHeadless()) {
            ui.showDialog(message, "Train Deblurring Model", DialogPrompt.MessageType.ERROR_MESSAGE);
        } else if (log != null) {
            log.error(message);
        }
        cancel(message);
    }
}
