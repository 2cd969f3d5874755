package io.github.biattention.deblur.inference;

import net.imglib2.Cursor;
import net.imglib2.IterableInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;

/**
 * Fits a {@link Normalization} whose bounds are two intensity percentiles of an
 * image, as CSBDeep's {@code normalize(x, pmin=1, pmax=99.8)} does.
 *
 * <p>The percentile definition is numpy's default ({@code np.percentile},
 * linear): with the {@code n} finite values sorted ascending as {@code s},
 * {@code percentile(p) = s[k] + f * (s[k+1] - s[k])} where
 * {@code k + f = p / 100 * (n - 1)}.
 *
 * <p><b>Streaming.</b> The image is never copied: one pass finds the finite
 * minimum and maximum, a second fills a histogram, and each needed order
 * statistic is located in its bin and interpolated by rank inside the bin.
 * <ul>
 *   <li>{@link IntegerType} images whose {@code max - min < 65536} (8- and
 *       16-bit images, for instance) get one bin per integer value, so the
 *       result equals the sort-based percentile exactly.</li>
 *   <li>Anything else gets {@value #BINS} equal bins over {@code [min, max]};
 *       the result then differs from the exact percentile by at most one bin
 *       width, {@code (max - min) / }{@value #BINS}; percent 0 and 100 give the
 *       exact minimum and maximum.</li>
 * </ul>
 * NaN and infinite pixels are ignored. Any dimensionality works: a whole stack
 * is treated as one population. {@code ArrayImg}/{@code PlanarImg} storage of
 * the plain primitive types is read in bulk; other images through their cursor.
 */
public final class PercentileNormalizer {

    /** CSBDeep's default lower percentile. */
    public static final double DEFAULT_LOW_PERCENT = 1;
    /** CSBDeep's default upper percentile. */
    public static final double DEFAULT_HIGH_PERCENT = 99.8;
    /** Number of histogram bins (also the integer-range limit for exact bins). */
    public static final int BINS = 1 << 16;

    /** Pixels converted per bulk step: small enough to stay in cache. */
    private static final int CHUNK = 8192;

    private PercentileNormalizer() {
    }

    /**
     * {@link #fit(IterableInterval, double, double)} with CSBDeep's defaults,
     * 1 and 99.8 percent.
     */
    public static Normalization fit(final IterableInterval<? extends RealType<?>> image) {
        return fit(image, DEFAULT_LOW_PERCENT, DEFAULT_HIGH_PERCENT);
    }

    /**
     * Fits {@code Normalization(percentile(lowPercent), percentile(highPercent))}
     * over all finite pixels of {@code image} (any dimensionality; a
     * {@code RandomAccessibleInterval} is an {@code IterableInterval}).
     *
     * @param image       the pixels; iterated twice, never copied
     * @param lowPercent  lower percentile in percent, {@code 0 <= lowPercent < highPercent}
     * @param highPercent upper percentile in percent, {@code highPercent <= 100}
     * @return the fitted normalization; {@code low == high} for a constant image
     *         (then it maps everything to 0, see {@link Normalization})
     * @throws NullPointerException     if {@code image} is null
     * @throws IllegalArgumentException if the percents are out of order or range,
     *                                  or the image has no finite pixel
     */
    public static Normalization fit(final IterableInterval<? extends RealType<?>> image, final double lowPercent,
            final double highPercent) {
        if (image == null) throw new NullPointerException("image");
        if (!(lowPercent >= 0 && lowPercent < highPercent && highPercent <= 100)) {
            throw new IllegalArgumentException(
                    "need 0 <= lowPercent < highPercent <= 100, got " + lowPercent + " and " + highPercent);
        }
        final double[] buffer = new double[CHUNK];

        final MinMax range = new MinMax();
        forEachChunk(image, buffer, range);
        if (range.count == 0) {
            throw new IllegalArgumentException("image has no finite pixel values");
        }
        if (range.min == range.max) {
            return new Normalization(range.min, range.max);
        }

        final boolean exact = image.getType() instanceof IntegerType && range.max - range.min < BINS;
        final Histogram histogram = exact
                ? new Histogram(range.min, (int) (range.max - range.min) + 1, 1)
                : new Histogram(range.min, BINS, (range.max - range.min) / BINS);
        forEachChunk(image, buffer, histogram);

        final double low = histogram.percentile(lowPercent, range.max, exact);
        final double high = histogram.percentile(highPercent, range.max, exact);
        return new Normalization(low, Math.max(low, high));
    }

    /** Receives the image as consecutive runs of values. */
    private interface ChunkConsumer {
        void accept(double[] values, int length);
    }

    /**
     * Feeds every pixel of {@code image} to {@code consumer} in chunks: straight
     * from the primitive storage for ArrayImg/PlanarImg, else via the cursor
     * (iteration order is irrelevant for a histogram).
     */
    private static void forEachChunk(final IterableInterval<? extends RealType<?>> image, final double[] buffer,
            final ChunkConsumer consumer) {
        if (image instanceof ArrayImg) {
            final ArrayImg<?, ?> img = (ArrayImg<?, ?>) image;
            final Object array = PrimitiveKind.storageOf(img.update(null));
            final PrimitiveKind kind = PrimitiveKind.of(img.getType(), array);
            if (kind != null) {
                feed(kind, array, (int) img.size(), buffer, consumer);
                return;
            }
        } else if (image instanceof PlanarImg) {
            final PlanarImg<?, ?> img = (PlanarImg<?, ?>) image;
            final int planeSize = (int) (img.size() / img.numSlices());
            final Object first = PrimitiveKind.storageOf(img.getPlane(0));
            final PrimitiveKind kind = PrimitiveKind.of(img.getType(), first);
            if (kind != null) {
                for (int p = 0; p < img.numSlices(); p++) {
                    feed(kind, PrimitiveKind.storageOf(img.getPlane(p)), planeSize, buffer, consumer);
                }
                return;
            }
        }
        final Cursor<? extends RealType<?>> cursor = image.cursor();
        int n = 0;
        while (cursor.hasNext()) {
            buffer[n++] = cursor.next().getRealDouble();
            if (n == buffer.length) {
                consumer.accept(buffer, n);
                n = 0;
            }
        }
        if (n > 0) consumer.accept(buffer, n);
    }

    private static void feed(final PrimitiveKind kind, final Object array, final int size, final double[] buffer,
            final ChunkConsumer consumer) {
        for (int from = 0; from < size; from += buffer.length) {
            final int n = Math.min(buffer.length, size - from);
            kind.toDouble(array, from, buffer, n);
            consumer.accept(buffer, n);
        }
    }

    /** Pass 1: finite count, minimum and maximum. */
    private static final class MinMax implements ChunkConsumer {
        long count;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;

        @Override
        public void accept(final double[] values, final int length) {
            long c = count;
            double lo = min;
            double hi = max;
            for (int i = 0; i < length; i++) {
                final double v = values[i];
                if (Double.isFinite(v)) {
                    c++;
                    if (v < lo) lo = v;
                    if (v > hi) hi = v;
                }
            }
            count = c;
            min = lo;
            max = hi;
        }
    }

    /**
     * Pass 2: counts per bin; bin {@code b} holds {@code [min + b*width, min + (b+1)*width)},
     * the last bin also holds the maximum.
     */
    private static final class Histogram implements ChunkConsumer {
        final double min;
        final double width;
        final double inverseWidth;
        final long[] counts;
        long total;

        Histogram(final double min, final int bins, final double width) {
            this.min = min;
            this.width = width;
            this.inverseWidth = 1 / width;
            this.counts = new long[bins];
        }

        @Override
        public void accept(final double[] values, final int length) {
            final long[] h = counts;
            final int last = h.length - 1;
            long t = total;
            for (int i = 0; i < length; i++) {
                final double v = values[i];
                if (Double.isFinite(v)) {
                    // Clamping absorbs rounding at the top edge (v == max).
                    int b = (int) ((v - min) * inverseWidth);
                    if (b > last) b = last;
                    else if (b < 0) b = 0;
                    h[b]++;
                    t++;
                }
            }
            total = t;
        }

        /** numpy-style linear percentile from two estimated order statistics. */
        double percentile(final double percent, final double max, final boolean exact) {
            final double rank = percent / 100 * (total - 1);
            final long k = (long) Math.floor(rank);
            final double fraction = rank - k;
            final double lower = orderStatistic(k, max, exact);
            if (fraction == 0) return lower;
            final double upper = orderStatistic(Math.min(k + 1, total - 1), max, exact);
            // Interpolating between the two estimates (not inside one bin)
            // keeps the error within one bin when they lie in different bins.
            return lower + fraction * (upper - lower);
        }

        /**
         * Estimate of the {@code k}-th smallest value (0-based): exact for
         * integer bins and for the extremes; otherwise the bin's values are
         * taken as spread evenly across it.
         */
        private double orderStatistic(final long k, final double max, final boolean exact) {
            // The extremes are known exactly from pass 1, so 0 and 100 percent are exact.
            if (k <= 0) return min;
            if (k >= total - 1) return max;
            long before = 0;
            for (int b = 0; b < counts.length; b++) {
                final long c = counts[b];
                if (k < before + c) {
                    if (exact) return min + b;
                    final double estimate = min + (b + (k - before + 0.5) / c) * width;
                    return Math.min(Math.max(estimate, min), max);
                }
                before += c;
            }
            return max; // unreachable when 0 <= k < total
        }
    }
}
