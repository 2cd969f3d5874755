package io.github.biattention.deblur.fiji;

import io.github.biattention.deblur.model.ModelException;
import io.github.biattention.deblur.model.UserModels;
import java.io.File;
import java.nio.file.Path;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;

/**
 * Plugins > Deblurring > Import Deblurring Model: checks a model file (it must load) and copies it into the user
 * models folder, after which it appears in the deblur command's model choice under its name.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Deblurring>Import Deblurring Model", headless = true)
public final class ImportModelCommand extends ContextCommand {

    @Parameter(label = "Model file", style = "extensions:zip")
    private File file;

    @Parameter(label = "Name", required = false, description = "Default: the file's name without .zip")
    private String name = "";

    @Parameter(label = "Replace a model of that name")
    private boolean overwrite;

    @Parameter(type = ItemIO.OUTPUT, label = "Installed as")
    private String installed;

    @Parameter(required = false)
    private LogService log;

    @Parameter(required = false)
    private UIService ui;

    @Override
    public void run() {
        String modelName = name == null || name.isBlank()
                ? file.getName().replaceFirst("(?i)\\.zip$", "") : name.trim();
        try {
            Path target = UserModels.install(file.toPath(), modelName, overwrite);
            installed = modelName + " (" + target + ")";
            if (log != null) {
                log.info("Installed model " + installed);
            }
        } catch (ModelException e) {
            fail(e.getMessage());
        } catch (OutOfMemoryError e) {
            // Checking a model loads it: a huge (or hostile) file must end in a message, not a dead command.
            fail("Not enough memory to check " + file + " (" + e.getMessage() + "): it is not a model of this"
                    + " plugin, or give Fiji more memory (Edit > Options > Memory & Threads)");
        }
    }

    private void fail(String message) {
        if (ui != null && !ui.isHeadless()) {
            ui.showDialog(message, "Import Deblurring Model", DialogPrompt.MessageType.ERROR_MESSAGE);
        } else if (log != null) {
            log.error(message);
        }
        cancel(message);
    }
}
