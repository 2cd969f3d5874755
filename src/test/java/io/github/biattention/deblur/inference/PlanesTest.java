package io.github.biattention.deblur.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.cell.CellImgFactory;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.junit.jupiter.api.Test;

class PlanesTest {

    private static final long SEED = 42;

    /** Reference: flat-order cursor over the interval, no fast path involved. */
    private static float[] reference(final RandomAccessibleInterval<? extends RealType<?>> rai) {
        final float[] out = new float[(int) (rai.dimension(0) * rai.dimension(1))];
        final RandomAccess<? extends RealType<?>> ra = rai.randomAccess();
        int i = 0;
        for (long y = rai.min(1); y <= rai.max(1); y++) {
            for (long x = rai.min(0); x <= rai.max(0); x++) {
                ra.setPosition(new long[] {x, y});
                out[i++] = ra.get().getRealFloat();
            }
        }
        return out;
    }

    /** Fills with random values covering the whole range of the type, including "negative" unsigned bits. */
    private static <T extends RealType<T>> void fill(final Iterable<T> img, final long seed) {
        final Random random = new Random(seed);
        for (final T t : img) {
            final double lo = t.getMinValue();
            final double hi = t.getMaxValue();
            if (t instanceof FloatType || t instanceof DoubleType) {
                t.setReal(random.nextGaussian() * 1000);
            } else {
                t.setReal(Math.floor(lo + random.nextDouble() * (hi - lo + 1)));
            }
        }
    }

    private static void assertRoundTrip(final RandomAccessibleInterval<? extends RealType<?>> rai, final boolean fast) {
        final float[] expected = reference(rai);
        assertArrayEquals(expected, Planes.toFloatArray(rai), 0f);
        if (fast) assertNotNull(PlaneStorage.resolve(rai), "expected the array fast path");
    }

    @Test
    void arrayImgsOfEveryPrimitiveType() {
        final ArrayImg<UnsignedByteType, ?> ub = ArrayImgs.unsignedBytes(37, 23);
        final ArrayImg<ByteType, ?> b = ArrayImgs.bytes(37, 23);
        final ArrayImg<UnsignedShortType, ?> us = ArrayImgs.unsignedShorts(37, 23);
        final ArrayImg<ShortType, ?> s = ArrayImgs.shorts(37, 23);
        final ArrayImg<UnsignedIntType, ?> ui = ArrayImgs.unsignedInts(37, 23);
        final ArrayImg<IntType, ?> i = ArrayImgs.ints(37, 23);
        final ArrayImg<FloatType, ?> f = ArrayImgs.floats(37, 23);
        final ArrayImg<DoubleType, ?> d = ArrayImgs.doubles(37, 23);
        fill(ub, SEED);
        fill(b, SEED + 1);
        fill(us, SEED + 2);
        fill(s, SEED + 3);
        fill(ui, SEED + 4);
        fill(i, SEED + 5);
        fill(f, SEED + 6);
        fill(d, SEED + 7);
        assertRoundTrip(ub, true);
        assertRoundTrip(b, true);
        assertRoundTrip(us, true);
        assertRoundTrip(s, true);
        assertRoundTrip(ui, true);
        assertRoundTrip(i, true);
        assertRoundTrip(f, true);
        assertRoundTrip(d, true);
    }

    @Test
    void unsignedValuesAreReadUnsigned() {
        final ArrayImg<UnsignedByteType, ?> ub = ArrayImgs.unsignedBytes(new byte[] {(byte) 255, (byte) 128, 0, 1}, 2, 2);
        assertArrayEquals(new float[] {255, 128, 0, 1}, Planes.toFloatArray(ub), 0f);
        final ArrayImg<UnsignedShortType, ?> us = ArrayImgs.unsignedShorts(new short[] {(short) 65535, (short) 40000}, 2, 1);
        assertArrayEquals(new float[] {65535, 40000}, Planes.toFloatArray(us), 0f);
    }

    @Test
    void planarImgPlanesAndSlices() {
        final PlanarImg<UnsignedShortType, ?> planar2d = PlanarImgs.unsignedShorts(31, 17);
        fill(planar2d, SEED);
        assertRoundTrip(planar2d, true);

        final PlanarImg<FloatType, ?> stack = PlanarImgs.floats(19, 13, 3, 4);
        fill(stack, SEED + 1);
        for (int c = 0; c < 3; c++) {
            for (int t = 0; t < 4; t++) {
                assertRoundTrip(Views.hyperSlice(Views.hyperSlice(stack, 3, t), 2, c), true);
            }
        }
    }

    @Test
    void arrayImgStackSlices() {
        final ArrayImg<UnsignedByteType, ?> stack = ArrayImgs.unsignedBytes(21, 11, 5);
        fill(stack, SEED);
        for (int z = 0; z < 5; z++) {
            assertRoundTrip(Views.hyperSlice(stack, 2, z), true);
        }
    }

    @Test
    void viewsWithNonZeroMin() {
        final ArrayImg<FloatType, ?> img = ArrayImgs.floats(40, 30);
        fill(img, SEED);
        // Sub-interval: non-zero min, rows not contiguous.
        assertRoundTrip(Views.interval(img, new long[] {5, 7}, new long[] {24, 20}), true);
        // Translated whole image: min (100, -50).
        assertRoundTrip(Views.translate(img, 100, -50), true);
        // Offset sub-interval re-based to zero-min.
        assertRoundTrip(Views.offsetInterval(img, new long[] {3, 4}, new long[] {10, 9}), true);
        // Translated slice of a stack.
        final PlanarImg<UnsignedByteType, ?> stack = PlanarImgs.unsignedBytes(16, 12, 3);
        fill(stack, SEED + 1);
        assertRoundTrip(Views.interval(Views.translate(Views.hyperSlice(stack, 2, 1), 7, 9),
                new long[] {9, 10}, new long[] {20, 18}), true);
    }

    @Test
    void unsupportedLayoutsFallBackToCursors() {
        final ArrayImg<UnsignedShortType, ?> img = ArrayImgs.unsignedShorts(25, 14);
        fill(img, SEED);
        final RandomAccessibleInterval<UnsignedShortType> permuted = Views.permute(img, 0, 1);
        assertNull(PlaneStorage.resolve(permuted));
        assertRoundTrip(permuted, false);
        final RandomAccessibleInterval<UnsignedShortType> inverted = Views.invertAxis(img, 0);
        assertNull(PlaneStorage.resolve(inverted));
        assertRoundTrip(inverted, false);
        final Img<FloatType> cells = new CellImgFactory<>(new FloatType(), 8).create(20, 18);
        fill(cells, SEED + 1);
        assertRoundTrip(cells, false);
        assertRoundTrip(Views.interval(cells, new long[] {3, 2}, new long[] {17, 15}), false);
    }

    @Test
    void toImgWrapsWithoutCopy() {
        final float[] data = new float[12];
        final Img<FloatType> img = Planes.toImg(data, 4, 3);
        assertEquals(4, img.dimension(0));
        assertEquals(3, img.dimension(1));
        data[1 * 4 + 2] = 7;
        final RandomAccess<FloatType> ra = img.randomAccess();
        ra.setPosition(new long[] {2, 1});
        assertEquals(7f, ra.get().get());
        assertSame(data, PlaneStorage.resolve(img).array());
        assertThrows(IllegalArgumentException.class, () -> Planes.toImg(data, 5, 3));
    }

    @Test
    void copyIntoArrayAndViewsAndCells() {
        final Random random = new Random(SEED);
        final float[] data = new float[14 * 9];
        for (int i = 0; i < data.length; i++) data[i] = random.nextFloat();

        final ArrayImg<FloatType, ?> whole = ArrayImgs.floats(14, 9);
        Planes.copyInto(data, whole);
        assertArrayEquals(data, Planes.toFloatArray(whole), 0f);

        final ArrayImg<FloatType, ?> big = ArrayImgs.floats(30, 20);
        final RandomAccessibleInterval<FloatType> window = Views.interval(big, new long[] {6, 5}, new long[] {19, 13});
        Planes.copyInto(data, window);
        assertArrayEquals(data, reference(window), 0f);
        // Nothing outside the window was touched.
        final Cursor<FloatType> c = big.localizingCursor();
        while (c.hasNext()) {
            c.fwd();
            final boolean inside = c.getLongPosition(0) >= 6 && c.getLongPosition(0) <= 19
                    && c.getLongPosition(1) >= 5 && c.getLongPosition(1) <= 13;
            if (!inside) assertEquals(0f, c.get().get());
        }

        final Img<FloatType> cells = new CellImgFactory<>(new FloatType(), 5).create(14, 9);
        Planes.copyInto(data, cells);
        assertArrayEquals(data, reference(cells), 0f);

        assertThrows(IllegalArgumentException.class, () -> Planes.copyInto(new float[3], whole));
        assertThrows(IllegalArgumentException.class, () -> Planes.copyInto(data, ArrayImgs.floats(14, 9, 1)));
    }

    /** Reference for readRegion: ImgLib2's own mirror-single extension, read with a random access. */
    private static float[] mirroredReference(final RandomAccessibleInterval<? extends RealType<?>> rai, final long x0,
            final long y0, final int w, final int h) {
        final RandomAccess<? extends RealType<?>> ra = Views.extendMirrorSingle(rai).randomAccess();
        final float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                ra.setPosition(new long[] {rai.min(0) + x0 + x, rai.min(1) + y0 + y});
                out[y * w + x] = ra.get().getRealFloat();
            }
        }
        return out;
    }

    private static void assertRegion(final RandomAccessibleInterval<? extends RealType<?>> rai, final long x0,
            final long y0, final int w, final int h) {
        assertArrayEquals(mirroredReference(rai, x0, y0, w, h), Planes.readRegion(rai, x0, y0, w, h), 0f,
                () -> "region " + x0 + "," + y0 + " " + w + "x" + h);
    }

    @Test
    void readRegionInBoundsAndMirroredAtEachBorder() {
        final ArrayImg<UnsignedShortType, ?> img = ArrayImgs.unsignedShorts(23, 17);
        fill(img, SEED);
        final Img<FloatType> cells = new CellImgFactory<>(new FloatType(), 6).create(23, 17);
        fill(cells, SEED + 1);
        final RandomAccessibleInterval<UnsignedShortType> shifted = Views.translate(img, -4, 11);
        final RandomAccessibleInterval<UnsignedShortType> window =
                Views.interval(img, new long[] {2, 3}, new long[] {20, 14});
        final long[][] regions = {
                {3, 4, 10, 8},     // inside
                {0, 0, 23, 17},    // exactly the image
                {-5, 4, 10, 8},    // left
                {4, -6, 10, 8},    // top
                {18, 4, 10, 8},    // right
                {4, 13, 10, 8},    // bottom
                {-3, -3, 29, 23},  // all sides
                {-40, -30, 9, 7},  // far away: several reflections
                {50, 35, 9, 7},
        };
        for (final long[] r : regions) {
            assertRegion(img, r[0], r[1], (int) r[2], (int) r[3]);
            assertRegion(cells, r[0], r[1], (int) r[2], (int) r[3]);
            assertRegion(shifted, r[0], r[1], (int) r[2], (int) r[3]);
            assertRegion(window, r[0], r[1], (int) r[2], (int) r[3]);
        }
        // Padding a tiny image, including a 1-pixel-wide axis.
        final ArrayImg<FloatType, ?> tiny = ArrayImgs.floats(new float[] {1, 2, 3}, 3, 1);
        assertArrayEquals(new float[] {3, 2, 1, 2, 3, 2, 1}, Planes.readRegion(tiny, -2, 0, 7, 1), 0f);
        assertRegion(tiny, -2, -3, 7, 8);
        assertRegion(ArrayImgs.floats(new float[] {5}, 1, 1), -2, -2, 4, 4);
    }

    @Test
    void readRegionValidates() {
        final ArrayImg<FloatType, ?> img = ArrayImgs.floats(4, 4);
        assertThrows(IllegalArgumentException.class, () -> Planes.readRegion(img, 0, 0, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Planes.readRegion(img, 0, 0, 2, -1));
        assertThrows(IllegalArgumentException.class, () -> Planes.readRegion(ArrayImgs.floats(4, 4, 2), 0, 0, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Planes.toFloatArray(ArrayImgs.floats(4)));
    }

    @Test
    void mirrorMatchesSingleBoundaryDefinition() {
        // size 4: ... 2 1 | 0 1 2 3 | 2 1 0 1 ...
        final long[] expected = {1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1};
        for (int i = -6; i <= 6; i++) {
            assertEquals(expected[i + 6], Planes.mirror(i + 1, 4), "i=" + (i + 1));
        }
    }
}
