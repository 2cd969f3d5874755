package io.github.biattention.deblur.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.network.BiAttentionNet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Runs the network over one normalised 2D plane in overlapping tiles and blends the tile outputs.
 *
 * <p>Input and output are row-major {@code float[]} planes ({@code (x, y)} at {@code y * width + x}) in the
 * normalised intensity scale the network was trained on (see {@link PercentileNormalizer}); values must be finite.
 * Tiles come from {@link TilePlanner} with the settings' tile size and overlap, aligned to the network's down-sampling
 * grid (cut to the plane where it is smaller), and are blended with {@link TileBlender}'s raised-cosine ramps, so
 * the result has no seams.
 *
 * <p>Memory: the input, one output plane and its weight sum (two floats per pixel), plus one tile's forward pass;
 * every tile's native arrays live in a sub-manager of the model's manager that is closed before the next tile, and
 * autograd is off during the forward pass ({@link NoGradScope}), so memory does not grow with the number of tiles.
 *
 * <p>Thread safety: use an instance from one thread at a time. It keeps no state between calls besides the model and
 * the immutable settings, and different instances sharing one model may run on different threads at once (each
 * forward pass gets its own parameter store and sub-manager); results are identical to sequential runs.
 *
 * <p>Implementation: for each tile, copy it out of the plane, create a (1, 1, h, w) array, forward, copy the output
 * back to the heap, add it to the blender.
 */
public final class TiledPredictor {

    private final DeblurModel model;
    private final DeblurSettings settings;

    /**
     * @throws IllegalArgumentException if the model does not take one input channel
     * @throws NullPointerException     if an argument is null
     */
    public TiledPredictor(DeblurModel model, DeblurSettings settings) {
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
        int channels = model.network().config().inputChannels();
        if (channels != 1) {
            throw new IllegalArgumentException("The model '" + model.source() + "' takes " + channels
                    + " input channels; the plane engine runs single-channel (grayscale) models only");
        }
    }

    public DeblurSettings settings() {
        return settings;
    }

    /**
     * The tiles a {@code width x height} plane is cut into, in processing order: aligned to the network's size
     * multiple, so that every tile sees the image on the same down-sampling grid as an untiled run.
     */
    public List<Tile> plan(long width, long height) {
        return TilePlanner.plan(width, height, settings.tileSize(), settings.overlap(),
                model.network().config().sizeMultiple());
    }

    /** {@link #predict(float[], int, int, ProgressListener, BooleanSupplier)} without progress or cancellation. */
    public float[] predict(float[] plane, int width, int height) {
        return predict(plane, width, height, ProgressListener.NONE, () -> false);
    }

    /**
     * Deblurs one normalised plane.
     *
     * @param plane     {@code width * height} finite values, row-major; not modified
     * @param width     plane width, {@code > 0}
     * @param height    plane height, {@code > 0}
     * @param progress  told {@code (tilesDone, tilesTotal, "Tile j/m")} after each tile
     * @param cancelled polled before each tile; once true, the call throws
     * @return a new {@code width * height} array: the network's output, blended
     * @throws CancellationException    when {@code cancelled} turned true (checked before every tile, so the call
     *                                  stops within one tile); nothing partial is returned
     * @throws IllegalArgumentException if the sizes are not positive or do not match {@code plane.length}
     * @throws NullPointerException     if an argument is null
     */
    public float[] predict(float[] plane, int width, int height, ProgressListener progress,
            BooleanSupplier cancelled) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelled, "cancelled");
        Img<FloatType> image = Planes.toImg(plane, width, height); // checks the sizes; no copy
        List<Tile> tiles = plan(width, height);
        TileBlender blender = new TileBlender(width, height);
        NDManager modelManager = model.djlModel().getNDManager();
        BiAttentionNet network = model.network();
        for (int i = 0; i < tiles.size(); i++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("Deblurring was cancelled");
            }
            Tile tile = tiles.get(i);
            float[] in = Planes.readRegion(image, tile.x0(), tile.y0(), tile.width(), tile.height());
            blender.add(tile, forward(modelManager, network, in, tile.width(), tile.height()));
            progress.progress(i + 1, tiles.size(), "Tile " + (i + 1) + "/" + tiles.size());
        }
        return blender.result();
    }

    /** One tile through the network; every native array of the pass is freed before returning. */
    private static float[] forward(NDManager modelManager, BiAttentionNet network, float[] pixels, int width,
            int height) {
        try (NDManager m = modelManager.newSubManager();
                NoGradScope noGrad = NoGradScope.enter(m)) {
            NDArray x = m.create(pixels, new Shape(1, 1, height, width));
            // copy = false: the store hands out the model's own parameter arrays (same device), nothing is duplicated.
            NDArray y = network.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            return y.toFloatArray();
        }
    }
}
