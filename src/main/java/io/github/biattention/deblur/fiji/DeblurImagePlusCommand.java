package io.github.biattention.deblur.fiji;

import ij.ImagePlus;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelException;
import io.github.biattention.deblur.model.ModelFiles;
import java.io.File;
import java.util.concurrent.CancellationException;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.UIService;

/**
 * Plugins > Deblurring > Bi-Attention Deblur: deblurs the active image (2D, stacks, hyperstacks; 8/16/32-bit, RGB)
 * into a new 32-bit image with the same dimensions and calibration. Macro keys are the field names.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Deblurring>Bi-Attention Deblur")
public final class DeblurImagePlusCommand extends ContextCommand {

    @Parameter(label = "Image")
    private ImagePlus image;

    @Parameter(label = "Model", description = "A bundled model, or 'file' to use the model file below",
            choices = {"general", "file"})
    private String model = ModelFiles.DEFAULT_MODEL;

    @Parameter(label = "Model file", required = false, style = "extensions:zip",
            description = "Used when Model is 'file'")
    private File modelfile;

    @Parameter(label = "Tile size", min = "16", max = "4096",
            description = "Larger tiles see more context but need more memory")
    private int tile = DeblurSettings.DEFAULT_TILE_SIZE;

    @Parameter(label = "Tile overlap", min = "0", max = "512")
    private int overlap = DeblurSettings.DEFAULT_OVERLAP;

    @Parameter(label = "Low percentile", min = "0", max = "100", stepSize = "0.1")
    private double low = 1.0;

    @Parameter(label = "High percentile", min = "0", max = "100", stepSize = "0.1")
    private double high = 99.8;

    @Parameter(label = "Device", choices = {"auto", "cpu", "gpu"})
    private String device = "auto";

    @Parameter(type = ItemIO.OUTPUT)
    private ImagePlus deblurred;

    @Parameter(required = false)
    private StatusService status;

    @Parameter(required = false)
    private LogService log;

    @Parameter(required = false)
    private UIService ui;

    @Override
    public void run() {
        String source = "file".equals(model) ? (modelfile == null ? "" : modelfile.getPath()) : model;
        if (source.isEmpty()) {
            CommandSupport.fail(this, "Model is 'file' but no model file was given: choose a .zip model file.",
                    log, ui);
            return;
        }
        try {
            DeblurSettings settings = CommandSupport.settings(tile, overlap, low, high, device);
            try (DeblurModel loaded = ImageDeblurring.openModel(source, settings.device(), this::warn)) {
                deblurred = ImageDeblurring.deblur(image, loaded, settings, CommandSupport.status(status),
                        this::isCanceled);
            }
        } catch (ModelException | IllegalArgumentException e) {
            CommandSupport.fail(this, e.getMessage(), log, ui);
        } catch (CancellationException e) {
            deblurred = null; // cancelled by the user: no output image
        } finally {
            if (status != null) {
                status.clearStatus();
            }
        }
    }

    private void warn(String message) {
        if (log != null) {
            log.warn(message);
        }
    }
}
