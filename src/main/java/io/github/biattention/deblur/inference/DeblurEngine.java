package io.github.biattention.deblur.inference;

import io.github.biattention.deblur.classical.PsfRefinement;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.Devices;
import io.github.biattention.deblur.model.ModelMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import net.imglib2.IterableInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.type.numeric.integer.LongType;
import net.imglib2.type.numeric.integer.Unsigned128BitType;
import net.imglib2.type.numeric.integer.UnsignedLongType;
import net.imglib2.util.Fraction;
import net.imglib2.util.Util;
import net.imglib2.view.Views;

/**
 * Deblurs images: the entry point for commands, the command line and tests.
 *
 * <p>Per plane: intensities are mapped with percentile normalisation to the range the network was trained on, the
 * plane goes through the network in blended tiles ({@link TiledPredictor}), and the result is mapped back to the
 * input's intensity scale (the inverse of the same normalisation). The output is float, never clamped, so it can
 * slightly undershoot or overshoot the input's range as deblurring sharpens edges.
 *
 * <p><b>Axes.</b> Dimensions 0 and 1 are X and Y. Every other dimension (Z, C, T, in any order) is iterated: each
 * combination of their positions is one plane, processed independently.
 *
 * <p><b>Normalisation statistics.</b> Percentiles ({@link DeblurSettings#percentilesFor}) are fitted once per channel
 * over the whole stack (all Z and T of that channel) when {@code channelAxis >= 0}, once over the whole image when
 * {@code channelAxis == -1}, or on every plane separately with {@link DeblurSettings#perPlaneNormalization()}.
 *
 * <p><b>NaN and infinite pixels</b> are ignored by the percentile fit, replaced by the normalisation's low value (0
 * after normalisation) before the network, and NaN at those positions in the output. A plane (or a channel, or the
 * image) with no finite pixel at all comes out all NaN without running the network.
 *
 * <p><b>Cancellation.</b> {@code cancelled} is polled before every tile; once it returns true the call throws
 * {@link CancellationException} within one tile, and no output is returned.
 *
 * <p>The network runs on the device the model was loaded on; {@link DeblurSettings#device()} is for choosing that
 * device when loading ({@link Devices#resolve}). Stateless; concurrent calls with different models are independent,
 * calls sharing a model are safe but compete for the same cores (see {@link TiledPredictor}).
 */
public final class DeblurEngine {

    private DeblurEngine() {}

    /** {@link #deblur(RandomAccessibleInterval, int, DeblurModel, DeblurSettings, ProgressListener, BooleanSupplier)}
     * without progress or cancellation. */
    public static <T extends RealType<T>> Img<FloatType> deblur(RandomAccessibleInterval<T> image, int channelAxis,
            DeblurModel model, DeblurSettings settings) {
        return deblur(image, channelAxis, model, settings, ProgressListener.NONE, () -> false);
    }

    /**
     * Deblurs every XY plane of an image.
     *
     * @param image       at least 2D, dims 0 and 1 are X and Y; any minimum; each plane must fit a Java array
     * @param channelAxis the channel dimension ({@code 2 <= channelAxis < image.numDimensions()}), or -1 if none
     * @param model       a loaded single-channel model
     * @param settings    tiling and normalisation
     * @param progress    told {@code (tilesDone, tilesTotal, message)}: first {@code (0, total, ...)}, then after every
     *                    tile, with "Plane i/n, tile j/m" and an estimate of the time left
     * @param cancelled   polled before every tile
     * @return a new float image with the input's dimensions and minimum zero: a {@code PlanarImg} whose planes are
     *         the arrays the planes were blended into (no further copy)
     * @throws IllegalArgumentException if the image is not at least 2D, its pixels are complex or 64-bit integers, {@code channelAxis} is invalid, a plane is
     *                                  too large, the model is not single-channel, or the percentiles of the
     *                                  settings combined with the model's do not make a valid pair
     * @throws CancellationException    when {@code cancelled} turned true
     * @throws NullPointerException     if an argument is null
     */
    public static <T extends RealType<T>> Img<FloatType> deblur(RandomAccessibleInterval<T> image, int channelAxis,
            DeblurModel model, DeblurSettings settings, ProgressListener progress, BooleanSupplier cancelled) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelled, "cancelled");
        requireDeblurrable(image, channelAxis);
        TiledPredictor predictor = new TiledPredictor(model, settings);
        double[] percentiles = settings.percentilesFor(model.metadata());
        int width = Math.toIntExact(image.dimension(0));
        int height = Math.toIntExact(image.dimension(1));
        Planes.area(width, height); // fails early, with sizes in the message, for planes too large for an array

        long[] dims = image.dimensionsAsLongArray();
        long[] outer = Arrays.copyOfRange(dims, 2, dims.length); // the iterated dimensions, dim 2 fastest
        int planes = Math.toIntExact(Arrays.stream(outer).reduce(1, Math::multiplyExact));
        int tilesPerPlane = predictor.plan(width, height).size();
        List<FloatArray> outputPlanes = new ArrayList<>(planes);

        List<Optional<Normalization>> normalizations = fitPlanes(image, channelAxis, percentiles,
                settings.perPlaneNormalization());
        Region whole = new Region(0, 0, width, height);

        Progress report = new Progress(progress, planes, tilesPerPlane);
        report.start(width, height);
        long[] position = new long[outer.length];
        for (int p = 0; p < planes; p++) {
            RandomAccessibleInterval<T> inPlane = plane(image, position);
            float[] result = deblurPixels(inPlane, width, height, whole, normalizations.get(p), predictor,
                    report.forPlane(p), cancelled, settings.refinement());
            report.skipIfUnused(p);
            // The result array becomes the output plane itself: no second copy of the image.
            outputPlanes.add(new FloatArray(result));
            increment(position, outer);
        }
        return planarFloats(outputPlanes, dims);
    }

    /**
     * The normalisation {@link #deblur} gives each plane of {@code image}, in the order it takes them (dims 2.. in
     * flat order, dim 2 fastest): fitted per channel over the stack, over the whole image, or per plane, as the
     * settings say; empty for a plane (or channel) without any finite pixel. With {@link #deblurRegion} it lets
     * several workers deblur parts of one image and agree with a single {@link #deblur} exactly.
     *
     * @throws IllegalArgumentException as {@link #deblur} does for the image, the channel axis and the percentiles
     */
    public static <T extends RealType<T>> List<Optional<Normalization>> planeNormalizations(
            RandomAccessibleInterval<T> image, int channelAxis, ModelMetadata metadata, DeblurSettings settings) {
        Objects.requireNonNull(image, "image");
        requireDeblurrable(image, channelAxis);
        return fitPlanes(image, channelAxis, settings.percentilesFor(metadata), settings.perPlaneNormalization());
    }

    /**
     * Deblurs one rectangle of a plane: exactly the values {@link #deblur} gives those pixels when the plane's
     * normalisation is {@code normalization} (from {@link #planeNormalizations}), computed from the tiles that reach
     * into the rectangle only. The optics-aware step needs whole planes and is refused.
     *
     * @param plane a 2D image (X, Y), the whole plane; only the tiles near {@code region} are read
     * @return {@code region.width() * region.height()} values, row-major, in the plane's intensity scale
     * @throws IllegalArgumentException if the plane is not 2D, the region is not inside it, or the settings ask for
     *     the optics-aware step
     * @throws CancellationException    when {@code cancelled} turned true (polled before every tile)
     */
    public static float[] deblurRegion(RandomAccessibleInterval<? extends RealType<?>> plane,
            Optional<Normalization> normalization, Region region, DeblurModel model, DeblurSettings settings,
            BooleanSupplier cancelled) {
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(region, "region");
        if (plane.numDimensions() != 2) {
            throw new IllegalArgumentException("A plane has 2 dimensions, this one " + plane.numDimensions());
        }
        if (settings.refinement().isPresent()) {
            throw new IllegalArgumentException("The optics-aware step works on whole planes, not on regions");
        }
        requireSupportedType(plane);
        int width = Math.toIntExact(plane.dimension(0));
        int height = Math.toIntExact(plane.dimension(1));
        if (region.x0() + region.width() > width || region.y0() + region.height() > height) {
            throw new IllegalArgumentException("Region " + region + " is not inside the " + width + "x" + height
                    + " plane");
        }
        return deblurPixels(plane, width, height, region, normalization, new TiledPredictor(model, settings),
                ProgressListener.NONE, cancelled, Optional.empty());
    }

    /** Fits once per channel (or once) and shares it among the planes, or fits every plane. */
    private static <T extends RealType<T>> List<Optional<Normalization>> fitPlanes(RandomAccessibleInterval<T> image,
            int channelAxis, double[] percentiles, boolean perPlane) {
        long[] dims = image.dimensionsAsLongArray();
        long[] outer = Arrays.copyOfRange(dims, 2, dims.length);
        int planes = Math.toIntExact(Arrays.stream(outer).reduce(1, Math::multiplyExact));
        List<Optional<Normalization>> perChannel = new ArrayList<>();
        if (!perPlane) {
            int channels = channelAxis < 0 ? 1 : Math.toIntExact(dims[channelAxis]);
            for (int c = 0; c < channels; c++) {
                perChannel.add(fit(channelAxis < 0 ? image
                        : Views.hyperSlice(image, channelAxis, image.min(channelAxis) + c), percentiles));
            }
        }
        List<Optional<Normalization>> result = new ArrayList<>(planes);
        long[] position = new long[outer.length];
        for (int p = 0; p < planes; p++) {
            result.add(perPlane ? fit(plane(image, position), percentiles)
                    : perChannel.get(channelAxis < 0 ? 0 : (int) position[channelAxis - 2]));
            increment(position, outer);
        }
        return result;
    }

    /**
     * Deblurs one plane given as a row-major array, with normalisation fitted on the plane itself.
     *
     * @param pixels {@code width * height} values, pixel {@code (x, y)} at {@code y * width + x}; not modified
     * @return a new array, in the intensity scale of {@code pixels}; NaN where {@code pixels} is not finite
     * @throws IllegalArgumentException if the sizes do not match, the model is not single-channel, or the percentiles
     *                                  are invalid
     */
    public static float[] deblurPlane(float[] pixels, int width, int height, DeblurModel model,
            DeblurSettings settings) {
        Objects.requireNonNull(pixels, "pixels");
        TiledPredictor predictor = new TiledPredictor(model, settings);
        double[] percentiles = settings.percentilesFor(model.metadata());
        Img<FloatType> plane = Planes.toImg(pixels, width, height);
        return deblurPixels(plane, width, height, new Region(0, 0, width, height), fit(plane, percentiles),
                predictor, ProgressListener.NONE, () -> false, settings.refinement());
    }

    /**
     * Normalise, predict, denormalise. Tiles are read from the plane and normalised one at a time, so the plane is
     * never copied whole; non-finite pixels become the normalisation's low value on the way in and NaN on the way
     * out.
     */
    private static float[] deblurPixels(RandomAccessibleInterval<? extends RealType<?>> plane, int width,
            int height, Region region, Optional<Normalization> fitted, TiledPredictor predictor,
            ProgressListener tileProgress, BooleanSupplier cancelled, Optional<PsfRefinement> refinement) {
        if (fitted.isEmpty()) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("Deblurring was cancelled");
            }
            float[] nan = new float[Planes.area(region.width(), region.height())];
            Arrays.fill(nan, Float.NaN);
            return nan;
        }
        Normalization normalization = fitted.get();
        float fill = (float) normalization.low();
        TiledPredictor.TileSource source = (x0, y0, w, h) -> {
            float[] tile = Planes.readRegion(plane, x0, y0, w, h);
            for (int i = 0; i < tile.length; i++) {
                if (!Float.isFinite(tile[i])) {
                    tile[i] = fill;
                }
            }
            normalization.normalize(tile);
            return tile;
        };
        boolean whole = region.width() == width && region.height() == height;
        // The whole plane may be retried with smaller tiles after running out of memory; a region may not.
        float[] result = whole ? predictor.predict(source, width, height, tileProgress, cancelled)
                : predictor.predictRegion(source, width, height, region, tileProgress, cancelled);
        normalization.denormalize(result);
        if (refinement.isPresent()) {
            float[] measured = Planes.readRegion(plane, 0, 0, width, height);
            for (int i = 0; i < measured.length; i++) {
                if (!Float.isFinite(measured[i])) {
                    measured[i] = fill;
                }
            }
            try {
                result = refinement.get().refine(measured, result, normalization.low(), width, height, cancelled);
            } catch (OutOfMemoryError e) {
                throw new IllegalStateException("Out of memory in the optics-aware step, which works on whole planes"
                        + " (about 10 floats per pixel, " + width + "x" + height + " here): give Java more memory"
                        + " (-Xmx) or deblur without the optics", e);
            }
        }
        markNonFinite(plane, region, result);
        return result;
    }

    /** NaN in {@code result} wherever the region of the plane is not finite; reads it one row at a time. */
    private static void markNonFinite(RandomAccessibleInterval<? extends RealType<?>> plane, Region region,
            float[] result) {
        int width = region.width();
        for (int y = 0; y < region.height(); y++) {
            float[] row = Planes.readRegion(plane, region.x0(), region.y0() + y, width, 1);
            for (int x = 0; x < width; x++) {
                if (!Float.isFinite(row[x])) {
                    result[y * width + x] = Float.NaN;
                }
            }
        }
    }

    /** At least X and Y, a valid channel axis, and pixels the network can take (see {@link #requireSupportedType}). */
    private static void requireDeblurrable(RandomAccessibleInterval<?> image, int channelAxis) {
        int n = image.numDimensions();
        if (n < 2) {
            throw new IllegalArgumentException("The image must have X and Y dimensions, it is " + n + "D");
        }
        if (channelAxis != -1 && (channelAxis < 2 || channelAxis >= n)) {
            throw new IllegalArgumentException("channelAxis must be -1 (no channels) or a dimension from 2 to "
                    + (n - 1) + " (0 and 1 are X and Y), got " + channelAxis);
        }
        requireSupportedType(image);
    }

    /**
     * Real pixels only, and not 64-bit integers: their values do not survive the float the network works in (and
     * generic code would read them through a lossy {@code getRealFloat}), so the user converts deliberately.
     */
    private static void requireSupportedType(RandomAccessibleInterval<?> image) {
        Object type = Util.getTypeFromInterval(image);
        if (!(type instanceof RealType)) {
            throw new IllegalArgumentException("Unsupported pixel type " + type.getClass().getSimpleName()
                    + ": only real (not complex) pixels can be deblurred");
        }
        if (type instanceof LongType || type instanceof UnsignedLongType || type instanceof Unsigned128BitType) {
            throw new IllegalArgumentException("Unsupported pixel type " + type.getClass().getSimpleName()
                    + ": 64-bit integer pixels cannot be deblurred; convert the image to 32-bit float first");
        }
    }

    /** The percentile normalisation of some pixels; empty when none is finite. */
    private static Optional<Normalization> fit(IterableInterval<? extends RealType<?>> pixels, double[] percentiles) {
        try {
            return Optional.of(PercentileNormalizer.fit(pixels, percentiles[0], percentiles[1]));
        } catch (IllegalArgumentException e) {
            // The percentiles were validated, so this is "no finite pixel values".
            return Optional.empty();
        }
    }

    /**
     * The image {@link #deblur} returns, from its planes (each {@code dims[0] * dims[1]} values, dims 2.. in flat
     * order, dim 2 fastest), when they were computed apart ({@link #deblurRegion}); the arrays are not copied.
     *
     * @throws IllegalArgumentException if the number or the length of the planes does not match {@code dims}
     */
    public static Img<FloatType> fromPlanes(List<float[]> planes, long[] dims) {
        long count = Arrays.stream(dims, 2, dims.length).reduce(1, Math::multiplyExact);
        if (dims.length < 2 || planes.size() != count) {
            throw new IllegalArgumentException(planes.size() + " planes given for dimensions "
                    + Arrays.toString(dims));
        }
        List<FloatArray> arrays = new ArrayList<>(planes.size());
        for (float[] plane : planes) {
            if (plane.length != dims[0] * dims[1]) {
                throw new IllegalArgumentException("a plane of " + plane.length + " values for " + dims[0] + " x "
                        + dims[1]);
            }
            arrays.add(new FloatArray(plane));
        }
        return planarFloats(arrays, dims);
    }

    /** The XY plane with flat index {@code index} in {@link #deblur}'s order (dims 2.., dim 2 fastest), a view. */
    public static <T> RandomAccessibleInterval<T> planeAt(RandomAccessibleInterval<T> image, int index) {
        long[] dims = image.dimensionsAsLongArray();
        long[] outer = Arrays.copyOfRange(dims, 2, dims.length);
        long[] position = new long[outer.length];
        long rest = index;
        for (int d = 0; d < outer.length; d++) {
            position[d] = rest % outer[d];
            rest /= outer[d];
        }
        if (index < 0 || rest != 0) {
            throw new IndexOutOfBoundsException("plane " + index + " of an image of " + Arrays.toString(dims));
        }
        return plane(image, position);
    }

    /** A float image whose planes are the given arrays (dims 2.. in flat order, dim 2 fastest), not copied. */
    private static Img<FloatType> planarFloats(List<FloatArray> planes, long[] dims) {
        PlanarImg<FloatType, FloatArray> img = new PlanarImg<>(planes, dims, new Fraction());
        img.setLinkedType(new FloatType(img));
        return img;
    }

    /**
     * The XY plane at {@code position} (offsets along dims 2..n-1 from the image's minimum), as a view that keeps X
     * and Y as dims 0 and 1 (so {@link Planes} can copy it in bulk).
     */
    private static <T> RandomAccessibleInterval<T> plane(RandomAccessibleInterval<T> image, long[] position) {
        RandomAccessibleInterval<T> view = image;
        for (int d = image.numDimensions() - 1; d >= 2; d--) {
            view = Views.hyperSlice(view, d, image.min(d) + position[d - 2]);
        }
        return view;
    }

    /** Next position in flat order, the first of the outer dimensions fastest. */
    private static void increment(long[] position, long[] dims) {
        for (int d = 0; d < position.length; d++) {
            if (++position[d] < dims[d]) {
                return;
            }
            position[d] = 0;
        }
    }

    /** Turns per-plane tile counts into one progress bar with an estimate of the time left. */
    private static final class Progress {
        private final ProgressListener listener;
        private final int planes;
        private final int tilesPerPlane;
        private final int total;
        private final long startNanos = System.nanoTime();
        private int lastDone;

        Progress(ProgressListener listener, int planes, int tilesPerPlane) {
            this.listener = listener;
            this.planes = planes;
            this.tilesPerPlane = tilesPerPlane;
            this.total = Math.multiplyExact(planes, tilesPerPlane);
        }

        void start(int width, int height) {
            listener.progress(0, total, "Deblurring " + (planes == 1 ? "a " : planes + " planes of ") + width + "x"
                    + height + (planes == 1 ? " plane" : "") + " in " + tilesPerPlane + " tile"
                    + (tilesPerPlane == 1 ? "" : "s") + (planes == 1 ? "" : " each"));
        }

        /** This plane's tile progress on the whole bar; notes pass through. */
        ProgressListener forPlane(int plane) {
            return new ProgressListener() {
                @Override
                public void progress(int done, int total, String message) {
                    // After a retry with smaller tiles the plane has more tiles than planned: scale to the plan.
                    tile(plane, total == tilesPerPlane ? done : (int) ((long) done * tilesPerPlane / total));
                }

                @Override
                public void note(String message) {
                    listener.note(planes == 1 ? message : "Plane " + (plane + 1) + "/" + planes + ": " + message);
                }
            };
        }

        void tile(int plane, int tileDone) {
            lastDone = plane * tilesPerPlane + tileDone;
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            double left = lastDone == 0 ? 0 : elapsed / lastDone * (total - lastDone);
            String where = planes == 1 ? "Tile " + tileDone + "/" + tilesPerPlane
                    : "Plane " + (plane + 1) + "/" + planes + ", tile " + tileDone + "/" + tilesPerPlane;
            listener.progress(lastDone, total, where + ", " + (lastDone == total ? "done" : "about "
                    + duration(left) + " left"));
        }

        /** A plane that needed no network (no finite pixel) still moves the bar. */
        void skipIfUnused(int plane) {
            if (lastDone < (plane + 1) * tilesPerPlane) {
                tile(plane, tilesPerPlane);
            }
        }

        static String duration(double seconds) {
            long s = Math.round(seconds);
            if (s < 60) {
                return s + " s";
            }
            if (s < 3600) {
                return s / 60 + " min " + s % 60 + " s";
            }
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
    }
}
