package io.github.biattention.deblur.fiji;

import io.github.biattention.deblur.inference.DeblurEngine;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelException;
import io.github.biattention.deblur.model.ModelFiles;
import java.util.concurrent.CancellationException;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * The same deblurring for ImgLib2 images, for scripts and other plugins (not in the menus): dims 0 and 1 are X and
 * Y, {@code channel} names the channel dimension (-1: none); the output is a float image of the same size.
 */
@Plugin(type = Command.class, label = "Bi-Attention Deblur (ImgLib2)", headless = true)
public final class DeblurImgCommand<T extends RealType<T>> extends AbstractDeblurCommand {

    @Parameter(label = "Image")
    private RandomAccessibleInterval<T> image;

    @Parameter(label = "Channel dimension", min = "-1")
    private int channel = -1;

    @Parameter(label = "Model (bundled name or file)", description = "widefield for fluorescence microscopy,"
            + " general for photographs and other images, or a user model's name or file")
    private String model = ModelFiles.DEFAULT_MODEL;

    @Parameter(type = ItemIO.OUTPUT)
    private Img<FloatType> deblurred;

    @Override
    public void run() {
        try {
            DeblurSettings settings = settings();
            try (DeblurModel loaded = ModelFiles.open(model, settings.device(), this::warn)) {
                deblurred = DeblurEngine.deblur(image, channel, loaded, settings, progress(), this::isCanceled);
            }
        } catch (ModelException | IllegalArgumentException e) {
            fail(e.getMessage());
        } catch (CancellationException e) {
            deblurred = null;
        } catch (RuntimeException | OutOfMemoryError e) {
            deblurred = null;
            fail(unexpected(e));
        } finally {
            clearProgress();
        }
    }
}
