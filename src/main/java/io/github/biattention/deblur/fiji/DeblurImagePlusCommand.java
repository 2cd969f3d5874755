package io.github.biattention.deblur.fiji;

import ij.ImagePlus;
import io.github.biattention.deblur.imagej.ImageDeblurring;
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
public final class DeblurImagePlusCommand extends AbstractOpticsDeblurCommand {

    @Parameter(label = "Image")
    private ImagePlus image;

    @Parameter(label = "Model", description = "A bundled or user model (widefield for fluorescence microscopy, general for"
            + " photographs and other images), or 'file' to use the model file below",
            choices = {"general", "file"}, initializer = "initModels")
    private String model = ModelFiles.DEFAULT_MODEL;

    @Parameter(label = "Model file", required = false, style = "extensions:zip",
            description = "Used when Model is 'file'")
    private File modelfile;

    @Parameter(label = "Keep bit depth", description = "Output in the input's bit depth (clipped to its range and"
            + " rounded; RGB stays RGB) instead of 32-bit")
    private boolean keepdepth;

    @Parameter(type = ItemIO.OUTPUT)
    private ImagePlus deblurred;


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
            try (DeblurModel loaded = ModelFiles.open(source, settings.device(), this::warn)) {
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
}
