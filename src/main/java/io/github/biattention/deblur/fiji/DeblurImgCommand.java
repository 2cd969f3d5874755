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
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.UIService;

/**
 * The same deblurring for ImgLib2 images, for scripts and other plugins (not in the menus): dims 0 and 1 are X and
 * Y, {@code channel} names the channel dimension (-1: none); the output is a float image of the same size.
 */
@Plugin(type = Command.class, label = "Bi-Attention Deblur (ImgLib2)", headless = true)
public final class DeblurImgCommand<T extends RealType<T>> extends ContextCommand {

    @Parameter(label = "Image")
    private RandomAccessibleInterval<T> image;

    @Parameter(label = "Channel dimension", min = "-1")
    private int channel = -1;

    @Parameter(label = "Model (bundled name or file)")
    private String model = ModelFiles.DEFAULT_MODEL;

    @Parameter(label = "Tile size", min = "16", max = "4096")
    private int tile = DeblurSettings.DEFAULT_TILE_SIZE;

    @Parameter(label = "Tile overlap", min = "0", max = "512")
    private int overlap = DeblurSettings.DEFAULT_OVERLAP;

    @Parameter(label = "Low percentile")
    private double low = 1.0;

    @Parameter(label = "High percentile")
    private double high = 99.8;

    @Parameter(label = "Device", choices = {"auto", "cpu", "gpu"})
    private String device = "auto";

    @Parameter(type = ItemIO.OUTPUT)
    private Img<FloatType> deblurred;

    @Parameter(required = false)
    private StatusService status;

    @Parameter(required = false)
    private LogService log;

    @Parameter(required = false)
    private UIService ui;

    @Override
    public void run() {
        try {
            DeblurSettings settings = CommandSupport.settings(tile, overlap, low, high, device);
            try (DeblurModel loaded = ImageDeblurring.openModel(model, settings.device(), m -> { })) {
                deblurred = DeblurEngine.deblur(image, channel, loaded, settings, CommandSupport.status(status),
                        this::isCanceled);
            }
        } catch (ModelException | IllegalArgumentException e) {
            CommandSupport.fail(this, e.getMessage(), log, ui);
        } catch (CancellationException e) {
            deblurred = null;
        }
    }
}
