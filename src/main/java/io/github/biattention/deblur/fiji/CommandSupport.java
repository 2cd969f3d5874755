package io.github.biattention.deblur.fiji;

import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.inference.DeviceChoice;
import io.github.biattention.deblur.inference.ProgressListener;
import java.util.Locale;
import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;

/** What the commands share: parameters to settings, progress to the status bar, errors to one message. */
final class CommandSupport {

    private CommandSupport() {}

    static DeblurSettings settings(int tile, int overlap, double low, double high, String device) {
        return DeblurSettings.builder().tileSize(tile).overlap(overlap).lowPercentile(low).highPercentile(high)
                .device(DeviceChoice.valueOf(device.trim().toUpperCase(Locale.ROOT))).build();
    }

    /** Progress in Fiji's status bar (a no-op when there is no status service, as in a bare Context). */
    static ProgressListener status(StatusService status) {
        if (status == null) {
            return ProgressListener.NONE;
        }
        return (done, total, message) -> status.showStatus(done, total, message);
    }

    /**
     * Reports a failure once: a dialog in the UI, a log line headless; and cancels the command with the same
     * message so scripts and macros see why it produced nothing.
     */
    static void fail(ContextCommand command, String message, LogService log, UIService ui) {
        if (ui != null && !ui.isHeadless()) {
            ui.showDialog(message, "Bi-Attention Deblur", DialogPrompt.MessageType.ERROR_MESSAGE);
        } else if (log != null) {
            log.error(message);
        }
        command.cancel(message);
    }
}
