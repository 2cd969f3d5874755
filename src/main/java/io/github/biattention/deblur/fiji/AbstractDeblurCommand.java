package io.github.biattention.deblur.fiji;

import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeviceChoice;
import io.github.biattention.deblur.inference.ProgressListener;
import io.github.biattention.deblur.model.UserModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.scijava.app.StatusService;
import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;

/**
 * The parameters every deblurring command shares (SciJava collects {@code @Parameter} fields of superclasses too),
 * their translation into {@link DeblurSettings}, progress to the status bar and errors to one message. Dynamic, so
 * that the model choice can list the user's models as well as the bundled ones.
 */
abstract class AbstractDeblurCommand extends DynamicCommand {

    @Parameter(label = "Tile size", min = "16", max = "4096",
            description = "Larger tiles see more context but need more memory")
    private int tile = DeblurSettings.DEFAULT_TILE_SIZE;

    @Parameter(label = "Tile overlap", min = "0", max = "512")
    private int overlap = DeblurSettings.DEFAULT_OVERLAP;

    @Parameter(label = "Low percentile (-1: the model's)", min = "-1", max = "100", stepSize = "0.1",
            description = "Intensity mapped to 0 before the network; -1 takes the model's (usually 1)")
    private double low = -1;

    @Parameter(label = "High percentile (-1: the model's)", min = "-1", max = "100", stepSize = "0.1",
            description = "Intensity mapped to 1 before the network; -1 takes the model's (usually 99.8)")
    private double high = -1;

    @Parameter(label = "Device", choices = {"auto", "cpu", "gpu"})
    private String device = "auto";

    @Parameter(label = "Normalise each plane separately", description = "By default one set of percentiles per"
            + " channel over the whole stack, so intensities stay comparable between planes")
    private boolean perplane;

    @Parameter(label = "Average 8 flips and rotations", description = "Runs the network on each tile in its 8"
            + " orientations and averages them: slightly sharper and less noisy, about 6 to 8 times slower")
    private boolean ensemble;

    @Parameter(required = false)
    private StatusService status;

    @Parameter(required = false)
    private LogService log;

    @Parameter(required = false)
    private UIService ui;

    /** Bundled and user models, plus {@code extra} choices, for a {@code model} input's initializer. */
    void offerModels(String input, String... extra) {
        List<String> choices = new ArrayList<>(UserModels.allNames());
        choices.addAll(Arrays.asList(extra));
        getInfo().getMutableInput(input, String.class).setChoices(choices);
    }

    /** @throws IllegalArgumentException for invalid values, with a message for the user */
    DeblurSettings settings() {
        DeblurSettings.Builder b = DeblurSettings.builder().tileSize(tile).overlap(overlap)
                .device(DeviceChoice.parse(device)).perPlaneNormalization(perplane).ensemble(ensemble);
        if (low != -1) { // -1: the model's own percentiles, as the command line does without --low
            b.lowPercentile(low);
        }
        if (high != -1) {
            b.highPercentile(high);
        }
        return b.build();
    }



    /** Progress in Fiji's status bar (nothing when the context has no status service). */
    ProgressListener progress() {
        return new ProgressListener() {
            @Override
            public void progress(int done, int total, String message) {
                if (status != null) {
                    status.showStatus(done, total, message);
                }
            }

            @Override
            public void note(String message) {
                warn(message);
            }
        };
    }

    /**
     * The message for a failure no more specific handler took (an engine error, running out of memory): one line
     * for the user, the stack trace only in the log at debug level.
     */
    String unexpected(Throwable failure) {
        if (log != null) {
            log.debug(failure);
        }
        String message = failure.getMessage() == null ? failure.toString()
                : failure.getMessage().strip().lines().findFirst().orElse(failure.toString());
        return failure instanceof OutOfMemoryError
                ? "Not enough memory (" + message + "): use smaller tiles, or give Fiji more memory"
                        + " (Edit > Options > Memory & Threads)"
                : "Deblurring failed: " + message;
    }

    void clearProgress() {
        if (status != null) {
            status.clearStatus();
        }
    }

    void info(String message) {
        if (log != null) {
            log.info(message);
        }
    }

    void warn(String message) {
        if (log != null) {
            log.warn(message);
        }
    }

    /** Whether results can be shown in windows (a UI that is not headless). */
    boolean showsWindows() {
        return ui != null && !ui.isHeadless();
    }

    /**
     * Reports a failure once (a dialog in the UI, a log line headless) and cancels the command with the same
     * message, so scripts and macros see why it produced nothing.
     */
    void fail(String message) {
        if (ui != null && !ui.isHeadless()) {
            ui.showDialog(message, "Bi-Attention Deblur", DialogPrompt.MessageType.ERROR_MESSAGE);
        } else if (log != null) {
            log.error(message);
        }
        cancel(message);
    }
}
