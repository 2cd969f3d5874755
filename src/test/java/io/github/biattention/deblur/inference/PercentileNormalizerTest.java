package io.github.biattention.deblur.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import net.imglib2.IterableInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.cell.CellImgFactory;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.junit.jupiter.api.Test;

class PercentileNormalizerTest {

    private static final double[][] PERCENTS = {{1, 99.8}, {0, 100}, {0.1, 50}, {25, 75}, {3.3, 3.4}};

    /** numpy's default (linear) percentile over the finite values, by sorting. */
    private static double exactPercentile(final IterableInterval<? extends RealType<?>> img, final double p) {
        final double[] v = new double[(int) img.size()];
        int n = 0;
        for (final RealType<?> t : img) {
            final double d = t.getRealDouble();
            if (Double.isFinite(d)) v[n++] = d;
        }
        final double[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        final double rank = p / 100 * (n - 1);
        final int k = (int) Math.floor(rank);
        final double f = rank - k;
        final double lower = s[k];
        if (f == 0) return lower;
        final double upper = s[Math.min(k + 1, n - 1)];
        return lower + f * (upper - lower);
    }

    private static double[] finiteRange(final IterableInterval<? extends RealType<?>> img) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (final RealType<?> t : img) {
            final double d = t.getRealDouble();
            if (Double.isFinite(d)) {
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
        }
        return new double[] {min, max};
    }

    private static void assertWithinOneBin(final IterableInterval<? extends RealType<?>> img) {
        final double[] range = finiteRange(img);
        final double bin = (range[1] - range[0]) / PercentileNormalizer.BINS;
        final double tolerance = bin * (1 + 1e-9) + 1e-12 * Math.max(Math.abs(range[0]), Math.abs(range[1]));
        for (final double[] p : PERCENTS) {
            final Normalization n = PercentileNormalizer.fit(img, p[0], p[1]);
            assertEquals(exactPercentile(img, p[0]), n.low(), tolerance, () -> "low " + Arrays.toString(p));
            assertEquals(exactPercentile(img, p[1]), n.high(), tolerance, () -> "high " + Arrays.toString(p));
        }
    }

    private static void assertExact(final IterableInterval<? extends RealType<?>> img) {
        for (final double[] p : PERCENTS) {
            final Normalization n = PercentileNormalizer.fit(img, p[0], p[1]);
            assertEquals(exactPercentile(img, p[0]), n.low(), 0, () -> "low " + Arrays.toString(p));
            assertEquals(exactPercentile(img, p[1]), n.high(), 0, () -> "high " + Arrays.toString(p));
        }
    }

    @Test
    void randomFloatImagesWithinOneBin() {
        final Random random = new Random(1234);
        for (int trial = 0; trial < 4; trial++) {
            final ArrayImg<FloatType, ?> img = ArrayImgs.floats(97, 61);
            for (final FloatType t : img) {
                // Skewed (exponential-like) values with a few far outliers, like microscopy data.
                final double v = trial % 2 == 0 ? random.nextGaussian() * 100 + 500 : -Math.log(1 - random.nextDouble()) * 300;
                t.set((float) (random.nextInt(500) == 0 ? v * 50 : v));
            }
            assertWithinOneBin(img);
            // Same pixels through the cursor path.
            assertWithinOneBin(Views.interval(img, img));
        }
    }

    @Test
    void sparseValuesInterpolateAcrossEmptyBins() {
        // Two clusters far apart: the 50th percentile lies between them, in empty bins.
        final ArrayImg<FloatType, ?> img = ArrayImgs.floats(new float[] {0, 0, 0, 1000, 1000, 1000}, 3, 2);
        final Normalization n = PercentileNormalizer.fit(img, 0, 50);
        assertEquals(500, n.high(), 1000.0 / PercentileNormalizer.BINS);
    }

    @Test
    void eightAndSixteenBitImagesAreExact() {
        final Random random = new Random(99);
        final ArrayImg<UnsignedByteType, ?> u8 = ArrayImgs.unsignedBytes(83, 47);
        for (final UnsignedByteType t : u8) t.set(Math.min(255, (int) (random.nextGaussian() * 40 + 100) & 0xff));
        assertExact(u8);

        final PlanarImg<UnsignedShortType, ?> u16 = PlanarImgs.unsignedShorts(40, 30, 3);
        for (final UnsignedShortType t : u16) t.set(random.nextInt(65536));
        assertExact(u16);

        final Img<UnsignedShortType> cells = new CellImgFactory<>(new UnsignedShortType(), 16).create(40, 30);
        for (final UnsignedShortType t : cells) t.set(1000 + random.nextInt(3000));
        assertExact(cells);
    }

    @Test
    void wholeStackIsOnePopulation() {
        final ArrayImg<FloatType, ?> stack = ArrayImgs.floats(20, 10, 4);
        long z = 0;
        for (final FloatType t : stack) t.set(z++ / 200); // plane z holds value z
        final Normalization n = PercentileNormalizer.fit(stack, 0, 100);
        assertEquals(0, n.low(), 1e-9);
        assertEquals(3, n.high(), 1e-9);
        assertWithinOneBin(stack);
    }

    @Test
    void nanAndInfinityAreIgnored() {
        final Random random = new Random(5);
        final ArrayImg<FloatType, ?> img = ArrayImgs.floats(50, 40);
        int i = 0;
        for (final FloatType t : img) {
            final int k = i++ % 10;
            t.set(k == 0 ? Float.NaN : k == 1 ? Float.POSITIVE_INFINITY : k == 2 ? Float.NEGATIVE_INFINITY
                    : (float) random.nextDouble() * 10);
        }
        final Normalization n = PercentileNormalizer.fit(img);
        assertTrue(Double.isFinite(n.low()) && Double.isFinite(n.high()));
        assertWithinOneBin(img);
        assertThrows(IllegalArgumentException.class,
                () -> PercentileNormalizer.fit(ArrayImgs.floats(new float[] {Float.NaN, Float.NaN}, 2, 1)));
    }

    @Test
    void constantImageNormalisesWithoutNan() {
        final ArrayImg<FloatType, ?> img = ArrayImgs.floats(16, 16);
        for (final FloatType t : img) t.set(7.5f);
        final Normalization n = PercentileNormalizer.fit(img);
        assertEquals(7.5, n.low());
        assertEquals(7.5, n.high());
        final float[] data = Planes.toFloatArray(img);
        n.normalize(data);
        for (final float v : data) assertEquals(0f, v);
        assertFalse(Float.isNaN(n.denormalize(0.3f)));
    }

    @Test
    void validatesPercents() {
        final ArrayImg<FloatType, ?> img = ArrayImgs.floats(2, 2);
        assertThrows(IllegalArgumentException.class, () -> PercentileNormalizer.fit(img, -1, 50));
        assertThrows(IllegalArgumentException.class, () -> PercentileNormalizer.fit(img, 50, 50));
        assertThrows(IllegalArgumentException.class, () -> PercentileNormalizer.fit(img, 60, 50));
        assertThrows(IllegalArgumentException.class, () -> PercentileNormalizer.fit(img, 1, 100.5));
        assertThrows(IllegalArgumentException.class, () -> PercentileNormalizer.fit(img, Double.NaN, 50));
    }
}
