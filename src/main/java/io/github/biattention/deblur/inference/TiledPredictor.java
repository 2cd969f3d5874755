package io.github.biattention.deblur.inference;

import io.github.biattention.deblur.network.NoGradScope;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.network.BiAttentionNet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Runs the network over one normalised 2D plane in overlapping tiles and blends the tile outputs.
 *
 * <p>Input and output are row-major {@code float[]} planes ({@code (x, y)} at {@code y * width + x}) in the
 * normalised intensity scale the network was trained on (see {@link PercentileNormalizer}); values must be finite.
 * Tiles come from {@link TilePlanner} with the settings' tile size and overlap, aligned to the network's down-sampling
 * grid (cut to the plane where it is smaller), and are blended with {@link Tile}'s raised-cosine ramps, so
 * the result has no seams.
 *
 * <p>Memory: one output plane (one float per pixel, {@link GridBlender}) plus one tile's input and forward pass (the
 * plane is read tile by tile through a {@link TileSource});
 * every tile's native arrays live in a sub-manager of the model's manager that is closed before the next tile, and
 * autograd is off during the forward pass ({@link NoGradScope}), so memory does not grow with the number of tiles.
 *
 * <p>Tiles at once: on a CPU, several tiles go through the network at the same time on worker threads, each with
 * its share of the engine's intra-op threads ({@link TileWorkers}); this thread reads the tiles, blends the outputs
 * in plan order and reports progress, so the result does not depend on which tile finishes first.
 *
 * <p>Thread safety: use an instance from one thread at a time. It keeps no state between calls besides the model, the
 * immutable settings and the tile size (lowered after running out of memory), and different instances sharing one
 * model may run on different threads at once (each forward pass gets its own parameter store and sub-manager);
 * results are identical to sequential runs.
 *
 * <p><b>Out of memory.</b> When a tile's forward pass fails for lack of memory (a Java {@link OutOfMemoryError}, or
 * an engine error saying the device or the native allocator ran out, see {@link OutOfMemory}), the plane is started
 * again with tiles of half the side (down to {@value #MIN_RETRY_TILE_SIZE}), the listener is told through
 * {@link ProgressListener#note}, and the smaller size is kept for the following planes of this predictor.
 *
 * <p>Implementation: for each tile, read it from the plane (the caller's {@link TileSource}, so the plane need not be
 * copied first), create a (1, 1, h, w) array, forward, copy the output back to the heap, add it to the blender.
 */
public final class TiledPredictor {

    /** Retries with smaller tiles stop at this side. */
    public static final int MIN_RETRY_TILE_SIZE = 64;

    /** Reads one rectangle of the plane, already normalised, with finite values; row-major, a new array. */
    @FunctionalInterface
    interface TileSource {
        float[] read(long x0, long y0, int width, int height);
    }

    /** One tile through the network: a seam so that tests can inject device failures. */
    @FunctionalInterface
    interface TileForward {
        float[] forward(float[] pixels, int width, int height);
    }

    private final DeblurModel model;
    private final DeblurSettings settings;
    private final TileForward forward;
    private final TileWorkers workers;
    // Lowered after an out-of-memory failure and kept, so later planes do not fail the same way again.
    private int tileSize;
    private int overlap;

    /**
     * @throws IllegalArgumentException if the model does not take one input channel
     * @throws NullPointerException     if an argument is null
     */
    public TiledPredictor(DeblurModel model, DeblurSettings settings) {
        this(model, settings, null, null);
    }

    /** With a replaced forward pass ({@code null}: the model's network), run one tile at a time. */
    TiledPredictor(DeblurModel model, DeblurSettings settings, TileForward forward) {
        this(model, settings, forward, TileWorkers.single());
    }

    /**
     * With a replaced forward pass ({@code null}: the model's network) and tile workers ({@code null}: as the model's
     * device and the engine's threads allow, see {@link TileWorkers}).
     */
    TiledPredictor(DeblurModel model, DeblurSettings settings, TileForward forward, TileWorkers workers) {
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
        int channels = model.network().config().inputChannels();
        if (channels != 1) {
            throw new IllegalArgumentException("The model '" + model.source() + "' takes " + channels
                    + " input channels; the plane engine runs single-channel (grayscale) models only");
        }
        TileForward network = forward != null ? forward : networkForward(model);
        this.forward = settings.ensemble() ? new DihedralEnsemble(network) : network;
        this.workers = workers != null ? workers : TileWorkers.forDevice(model.device());
        this.tileSize = settings.tileSize();
        this.overlap = settings.overlap();
    }

    public DeblurSettings settings() {
        return settings;
    }

    /** The tile side in use: the settings' one, or smaller after running out of memory. */
    public int tileSize() {
        return tileSize;
    }

    /**
     * The tiles a {@code width x height} plane is cut into, in processing order: aligned to the network's size
     * multiple, so that every tile sees the image on the same down-sampling grid as an untiled run.
     */
    public List<Tile> plan(long width, long height) {
        return TilePlanner.plan(width, height, tileSize, overlap, model.network().config().sizeMultiple());
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
     * @param progress  told {@code (tilesDone, tilesTotal, "Tile j/m")} after each tile, and a note when the plane is
     *                  started again with smaller tiles (then the count starts again with the new total)
     * @param cancelled polled before each tile; once true, the call throws
     * @return a new {@code width * height} array: the network's output, blended
     * @throws CancellationException    when {@code cancelled} turned true (checked before every tile, so the call
     *                                  stops within one tile); nothing partial is returned
     * @throws IllegalArgumentException if the sizes are not positive or do not match {@code plane.length}
     * @throws NullPointerException     if an argument is null
     */
    public float[] predict(float[] plane, int width, int height, ProgressListener progress,
            BooleanSupplier cancelled) {
        Img<FloatType> image = Planes.toImg(plane, width, height); // checks the sizes; no copy
        return predict((x0, y0, w, h) -> Planes.readRegion(image, x0, y0, w, h), width, height, progress,
                cancelled);
    }

    /** {@link #predict(float[], int, int, ProgressListener, BooleanSupplier)} reading tiles from {@code source}. */
    float[] predict(TileSource source, int width, int height, ProgressListener progress, BooleanSupplier cancelled) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelled, "cancelled");
        while (true) {
            try {
                return predictOnce(source, width, height, progress, cancelled);
            } catch (RuntimeException | OutOfMemoryError e) {
                int failed = tileSize;
                if (!OutOfMemory.is(e) || !shrinkTiles()) {
                    throw e;
                }
                progress.note("Out of memory at tile size " + failed + " (" + OutOfMemory.describe(e)
                        + "), retrying with " + tileSize);
            }
        }
    }

    /**
     * The part of {@link #predict(TileSource, int, int, ProgressListener, BooleanSupplier)}'s result inside
     * {@code region}, equal to it bit for bit: only the tiles that reach into the region are run (so neighbouring
     * regions share their border tiles, the halo). Running out of memory is not retried with smaller tiles here,
     * since a region planned with other tiles would not match its neighbours; the error is thrown.
     *
     * @return {@code region.width() * region.height()} values, row-major
     */
    float[] predictRegion(TileSource source, int width, int height, Region region, ProgressListener progress,
            BooleanSupplier cancelled) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelled, "cancelled");
        return predictOnce(source, width, height, region, progress, cancelled);
    }

    private float[] predictOnce(TileSource source, int width, int height, ProgressListener progress,
            BooleanSupplier cancelled) {
        return predictOnce(source, width, height, new Region(0, 0, width, height), progress, cancelled);
    }

    private float[] predictOnce(TileSource source, int width, int height, Region region, ProgressListener progress,
            BooleanSupplier cancelled) {
        List<Tile> plan = plan(width, height);
        GridBlender blender = new GridBlender(width, height, plan, region);
        // In plan order, as over the whole plane: each pixel then sums its tiles in the same order.
        List<Tile> tiles = plan.stream().filter(region::touches).collect(Collectors.toList());
        runTiles(source, tiles, blender, progress, cancelled);
        return blender.result();
    }

    /**
     * Runs the tiles with up to {@code workers} of them in the network at once (one: on this thread, each tile done
     * before the next is read) and blends their outputs on this thread, in plan order, so the result is the same
     * whatever the order in which the tiles finish. Tiles are read on this thread (the source need not be
     * thread-safe), and cancellation is polled before each tile starts. Before returning or throwing, it waits for
     * every tile it started: no pass is left running on the model.
     */
    private void runTiles(TileSource source, List<Tile> tiles, GridBlender blender, ProgressListener progress,
            BooleanSupplier cancelled) {
        Deque<Future<float[]>> running = new ArrayDeque<>();
        int started = 0;
        try {
            for (int i = 0; i < tiles.size(); i++) {
                while (started < tiles.size() && started < i + workers.workers()) {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("Deblurring was cancelled");
                    }
                    running.add(start(source, tiles.get(started++)));
                }
                float[] out = await(running.peek()); // left in `running` if it failed, so the finally waits for it
                running.poll();
                blender.add(tiles.get(i), out);
                progress.progress(i + 1, tiles.size(), "Tile " + (i + 1) + "/" + tiles.size());
            }
        } finally {
            // Not cancelled but waited for: a cancelled task that is already running goes on, and get() would not
            // wait for it. At most `workers` tiles are in flight, so this is at most about one tile's time.
            for (Future<float[]> f : running) {
                TileWorkers.awaitUninterruptibly(() -> {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        // its failure is not this call's concern any more
                    }
                });
            }
        }
    }

    /** Reads a tile and starts its forward pass: on a worker, or here when tiles run one at a time. */
    private Future<float[]> start(TileSource source, Tile tile) {
        float[] in = source.read(tile.x0(), tile.y0(), tile.width(), tile.height());
        if (workers.workers() <= 1) {
            return CompletableFuture.completedFuture(forward.forward(in, tile.width(), tile.height()));
        }
        return workers.pool().submit(() -> forward.forward(in, tile.width(), tile.height()));
    }

    /** The tile's output; a failure of its pass is thrown as it was thrown there (so out-of-memory is seen). */
    private static float[] await(Future<float[]> tile) {
        try {
            return tile.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Deblurring was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Halves the tile side, aligned down to the network's size multiple, and keeps the overlap at most a quarter of
     * it (the planner needs a side above twice the overlap); false when the side would go below
     * {@value #MIN_RETRY_TILE_SIZE}.
     */
    private boolean shrinkTiles() {
        int multiple = model.network().config().sizeMultiple();
        int smaller = tileSize / 2 / multiple * multiple;
        if (smaller < MIN_RETRY_TILE_SIZE) {
            return false;
        }
        tileSize = smaller;
        overlap = Math.min(overlap, smaller / 4);
        return true;
    }

    /** The model's network; every native array of a pass is freed before it returns. */
    private static TileForward networkForward(DeblurModel model) {
        return new NetworkForward(model);
    }

    /** One tile through the network, its input copied into one reused direct buffer. */
    private static final class NetworkForward implements TileForward {
        private final NDManager modelManager;
        private final BiAttentionNet network;
        // DJL copies a float[] into a new direct buffer per array, freed only when the garbage collector runs; with
        // a large heap that is rarely, and those buffers pile up outside the heap. PyTorch reads a direct buffer in
        // place, and the tile's tensor is closed before the thread's next tile, so one buffer per thread serves
        // every tile (tiles run on several threads at once, see TileWorkers).
        private final ThreadLocal<ByteBuffer> inputs = new ThreadLocal<>();

        NetworkForward(DeblurModel model) {
            this.modelManager = model.djlModel().getNDManager();
            this.network = model.network();
        }

        @Override
        public float[] forward(float[] pixels, int width, int height) {
            int bytes = pixels.length * Float.BYTES;
            ByteBuffer input = inputs.get();
            if (input == null || input.capacity() < bytes) {
                input = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
                inputs.set(input);
            }
            input.clear();
            input.asFloatBuffer().put(pixels);
            input.limit(bytes);
            try (NDManager m = modelManager.newSubManager();
                    NoGradScope noGrad = NoGradScope.enter(m)) {
                NDArray x = m.create(input, new Shape(1, 1, height, width), DataType.FLOAT32);
                // copy = false: the store hands out the model's own parameter arrays (same device), nothing is
                // duplicated.
                NDArray y = network.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
                return y.toFloatArray();
            }
        }
    }
}
