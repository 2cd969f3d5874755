package io.github.biattention.deblur.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeblurEngineTest {

    @RegisterExtension
    static final OneThreadRandomModel MODEL = new OneThreadRandomModel();

    /** Small tiles keep the test fast and still give several tiles per plane. */
    static final DeblurSettings SETTINGS = DeblurSettings.builder().tileSize(64).overlap(16).build();

    /** {@code planes} blob images of {@code w x h}, scaled to {@code [0, scale]}, stacked along the last axis. */
    private static float[] stack(int w, int h, int planes, double scale, long seed) {
        float[] data = new float[w * h * planes];
        for (int p = 0; p < planes; p++) {
            float[] plane = TestImages.blobs(w, h, seed + p);
            for (int i = 0; i < plane.length; i++) {
                data[p * w * h + i] = (float) (scale * plane[i]);
            }
        }
        return data;
    }

    @Test
    void regionsPutTogetherEqualTheWholeImageBitForBit() {
        // Two channels of two planes, with a NaN pixel and per-channel statistics, cut into uneven regions.
        int w = 150;
        int h = 110;
        float[] data = stack(w, h, 4, 1000, 21);
        data[w * 37 + 91] = Float.NaN;
        Img<FloatType> image = ArrayImgs.floats(data, w, h, 2, 2);
        for (boolean perPlane : new boolean[] {false, true}) {
            DeblurSettings settings = SETTINGS.toBuilder().perPlaneNormalization(perPlane).build();
            Img<FloatType> whole = DeblurEngine.deblur(image, 2, MODEL.get(), settings);
            List<java.util.Optional<Normalization>> normalizations = DeblurEngine.planeNormalizations(image, 2,
                    MODEL.get().metadata(), settings);
            assertEquals(4, normalizations.size());
            for (int p = 0; p < 4; p++) {
                RandomAccessibleInterval<FloatType> plane = Views.hyperSlice(Views.hyperSlice(image, 3, p / 2), 2,
                        p % 2);
                float[] want = Planes.readRegion(Views.hyperSlice(Views.hyperSlice(whole, 3, p / 2), 2, p % 2), 0,
                        0, w, h);
                float[] got = new float[w * h];
                for (int y0 = 0; y0 < h; y0 += 47) {
                    for (int x0 = 0; x0 < w; x0 += 61) {
                        Region r = new Region(x0, y0, Math.min(61, w - x0), Math.min(47, h - y0));
                        float[] part = DeblurEngine.deblurRegion(plane, normalizations.get(p), r, MODEL.get(), settings,
                                () -> false);
                        for (int y = 0; y < r.height(); y++) {
                            System.arraycopy(part, y * r.width(), got, (y0 + y) * w + x0, r.width());
                        }
                    }
                }
                assertArrayEquals(want, got, "plane " + p + (perPlane ? " (per plane)" : ""));
            }
        }
        assertTrue(Float.isNaN(Planes.readRegion(Views.hyperSlice(Views.hyperSlice(
                DeblurEngine.deblur(image, 2, MODEL.get(), SETTINGS), 3, 0), 2, 0), 91, 37, 1, 1)[0]));
        assertThrows(IllegalArgumentException.class, () -> DeblurEngine.deblurRegion(Views.hyperSlice(
                Views.hyperSlice(image, 3, 0), 2, 0), java.util.Optional.of(new Normalization(0, 1)),
                new Region(100, 0, 51, 10), MODEL.get(), SETTINGS, () -> false));
    }

    @Test
    void stackKeepsItsDimensionsAndPlanesMatchThePlaneEntryPoint() {
        int w = 90;
        int h = 70;
        Random random = new Random(3);
        short[] pixels = new short[w * h * 3];
        float[] blobs = stack(w, h, 3, 4000, 20);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (short) (200 + blobs[i] + 30 * random.nextGaussian());
        }
        ArrayImg<UnsignedShortType, ?> img = ArrayImgs.unsignedShorts(pixels, w, h, 3);
        RandomAccessibleInterval<UnsignedShortType> translated = Views.translate(img, 5, -3, 2);
        DeblurSettings perPlane = SETTINGS.toBuilder().perPlaneNormalization(true).build();

        Img<FloatType> out = DeblurEngine.deblur(translated, -1, MODEL.get(), perPlane);

        assertArrayEquals(new long[] {w, h, 3}, out.dimensionsAsLongArray());
        assertArrayEquals(new long[] {0, 0, 0}, out.minAsLongArray());
        for (int z = 0; z < 3; z++) {
            float[] plane = Planes.toFloatArray(Views.hyperSlice(img, 2, z));
            float[] expected = DeblurEngine.deblurPlane(plane, w, h, MODEL.get(), perPlane);
            // Not bit-identical: 16-bit pixels get exact percentiles, their float copy 65536 histogram bins.
            assertArrayEquals(expected, Planes.toFloatArray(Views.hyperSlice(out, 2, z)), 1e-3f * range(expected),
                    "plane " + z);
        }
        // Stack-wide normalisation (the default) gives the same dimensions, and other percentiles than per plane.
        Img<FloatType> stackWide = DeblurEngine.deblur(translated, -1, MODEL.get(), SETTINGS);
        assertArrayEquals(new long[] {w, h, 3}, stackWide.dimensionsAsLongArray());
        assertFalse(Arrays.equals(Planes.toFloatArray(Views.hyperSlice(out, 2, 0)),
                Planes.toFloatArray(Views.hyperSlice(stackWide, 2, 0))));
    }

    @Test
    void channelsAreNormalisedSeparatelyOverTheirWholeStack() {
        int w = 80;
        int h = 60;
        int times = 2;
        // (x, y, c, t): channel 0 in [0, 1], channel 1 in [0, 10000].
        float[] data = new float[w * h * 2 * times];
        for (int t = 0; t < times; t++) {
            for (int c = 0; c < 2; c++) {
                float[] plane = TestImages.blobs(w, h, 100 + 10 * t + c);
                float scale = c == 0 ? 1 : 10000;
                int offset = (t * 2 + c) * w * h;
                for (int i = 0; i < plane.length; i++) {
                    data[offset + i] = scale * plane[i];
                }
            }
        }
        Img<FloatType> img = ArrayImgs.floats(data, w, h, 2, times);
        List<int[]> progress = new ArrayList<>();

        Img<FloatType> out = DeblurEngine.deblur(img, 2, MODEL.get(), SETTINGS,
                (done, total, message) -> progress.add(new int[] {done, total}), () -> false);

        assertArrayEquals(new long[] {w, h, 2, times}, out.dimensionsAsLongArray());
        for (int c = 0; c < 2; c++) {
            double in = mean(Views.hyperSlice(img, 2, c));
            double result = mean(Views.hyperSlice(out, 2, c));
            assertEquals(in, result, 0.2 * in, "channel " + c + " mean");
            // One fit over the channel's whole (x, y, t) stack: the same as deblurring that stack alone.
            Img<FloatType> alone = DeblurEngine.deblur(Views.hyperSlice(img, 2, c), -1, MODEL.get(), SETTINGS);
            assertArrayEquals(Planes.toFloatArray(Views.hyperSlice(alone, 2, 1)),
                    Planes.toFloatArray(Views.hyperSlice(Views.hyperSlice(out, 2, c), 2, 1)), "channel " + c);
        }
        // 4 planes of 2 tiles: a start, then one report per tile up to the total.
        assertEquals(1 + 8, progress.size());
        for (int i = 0; i < progress.size(); i++) {
            assertArrayEquals(new int[] {i, 8}, progress.get(i));
        }
    }

    private static double mean(RandomAccessibleInterval<FloatType> image) {
        double sum = 0;
        long n = 0;
        for (FloatType v : Views.iterable(image)) {
            sum += v.getRealDouble();
            n++;
        }
        return sum / n;
    }

    @Test
    void progressMessagesNamePlaneTileAndTimeLeft() {
        List<String> messages = new ArrayList<>();
        DeblurEngine.deblur(ArrayImgs.floats(stack(100, 40, 2, 1, 7), 100, 40, 2), -1, MODEL.get(), SETTINGS,
                (done, total, message) -> messages.add(message), () -> false);
        assertEquals("Deblurring 2 planes of 100x40 in 2 tiles each", messages.get(0));
        assertTrue(messages.get(1).matches("Plane 1/2, tile 1/2, about \\d+ s left"), messages.get(1));
        assertEquals("Plane 2/2, tile 2/2, done", messages.get(messages.size() - 1));
    }

    @Test
    void cancellationAfterTheSecondTileThrowsAndReturnsNothing() {
        AtomicInteger tiles = new AtomicInteger();
        Img<FloatType> img = ArrayImgs.floats(stack(100, 40, 3, 1, 9), 100, 40, 3);
        assertThrows(CancellationException.class, () -> DeblurEngine.deblur(img, -1, MODEL.get(), SETTINGS,
                (done, total, message) -> tiles.set(done), () -> tiles.get() >= 2));
        assertEquals(2, tiles.get(), "stopped within one tile");
    }

    /** Pixels away from the holes come out nearly as without holes. */
    @Test
    void nonFinitePixelsComeOutNaNAndDoNotDisturbTheRest() {
        int w = 70;
        int h = 50;
        float[] clean = TestImages.blobs(w, h, 13);
        float[] holes = clean.clone();
        int[] bad = {0, 7, 123, 1000, w * h - 1};
        holes[7] = Float.NaN;
        holes[0] = Float.POSITIVE_INFINITY;
        holes[123] = Float.NEGATIVE_INFINITY;
        holes[1000] = Float.NaN;
        holes[w * h - 1] = Float.NaN;
        float[] reference = DeblurEngine.deblurPlane(clean, w, h, MODEL.get(), SETTINGS);
        float[] out = DeblurEngine.deblurPlane(holes, w, h, MODEL.get(), SETTINGS);
        assertTrue(Float.isNaN(holes[7]), "the input is not modified");
        float range = range(reference);
        int next = 0;
        for (int i = 0; i < out.length; i++) {
            if (next < bad.length && i == bad[next]) {
                assertTrue(Float.isNaN(out[i]), "pixel " + i);
                next++;
            } else {
                assertTrue(Float.isFinite(out[i]), "pixel " + i);
                if (distance(i, bad, w) > 10) {
                    // Only slightly changed percentiles and attention's long reach remain.
                    assertEquals(reference[i], out[i], 0.01 * range, "pixel " + i);
                }
            }
        }
    }

    private static float range(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }

    /** Chebyshev distance from pixel {@code i} to the nearest of {@code pixels}. */
    private static int distance(int i, int[] pixels, int w) {
        int d = Integer.MAX_VALUE;
        for (int p : pixels) {
            d = Math.min(d, Math.max(Math.abs(i % w - p % w), Math.abs(i / w - p / w)));
        }
        return d;
    }

    @Test
    void planesWithoutFinitePixelsComeOutNaN() {
        int w = 40;
        int h = 30;
        float[] data = stack(w, h, 2, 1, 17);
        for (int i = w * h; i < data.length; i++) {
            data[i] = Float.NaN;
        }
        Img<FloatType> img = ArrayImgs.floats(data, w, h, 2);
        for (DeblurSettings settings : new DeblurSettings[] {SETTINGS,
                SETTINGS.toBuilder().perPlaneNormalization(true).build()}) {
            Img<FloatType> out = DeblurEngine.deblur(img, -1, MODEL.get(), settings);
            Cursor<FloatType> c = Views.flatIterable(out).cursor();
            for (int i = 0; i < data.length; i++) {
                float v = c.next().get();
                assertTrue(i < w * h ? Float.isFinite(v) : Float.isNaN(v), "pixel " + i);
            }
        }
        Img<FloatType> allNaN = ArrayImgs.floats(new float[] {Float.NaN, Float.NaN}, 2, 1);
        assertTrue(Float.isNaN(DeblurEngine.deblur(allNaN, -1, MODEL.get(), SETTINGS).firstElement().get()));
    }

    @Test
    void refuses64BitIntegerPixelsWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeblurEngine.deblur(
                ArrayImgs.longs(20, 20), -1, MODEL.get(), SETTINGS));
        assertTrue(e.getMessage().contains("64-bit integer"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeblurEngine.deblur(ArrayImgs.unsignedLongs(20, 20), -1,
                MODEL.get(), SETTINGS));
    }

    @Test
    void rejectsBadAxes() {
        Img<FloatType> img = ArrayImgs.floats(20, 20, 2);
        assertThrows(IllegalArgumentException.class, () -> DeblurEngine.deblur(img, 1, MODEL.get(), SETTINGS));
        assertThrows(IllegalArgumentException.class, () -> DeblurEngine.deblur(img, 3, MODEL.get(), SETTINGS));
        assertThrows(IllegalArgumentException.class,
                () -> DeblurEngine.deblur(ArrayImgs.floats(20), -1, MODEL.get(), SETTINGS));
        assertThrows(IllegalArgumentException.class,
                () -> DeblurEngine.deblurPlane(new float[5], 2, 2, MODEL.get(), SETTINGS));
    }
}
