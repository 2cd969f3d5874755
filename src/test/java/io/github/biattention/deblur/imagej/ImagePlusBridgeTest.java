package io.github.biattention.deblur.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import io.github.biattention.deblur.inference.Planes;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.junit.jupiter.api.Test;

class ImagePlusBridgeTest {

    /** A 16-bit hyperstack whose pixel (x, y) of plane (c, z, t) holds a value encoding all five coordinates. */
    private static ImagePlus hyperstack(int w, int h, int c, int z, int t) {
        ImageStack stack = new ImageStack(w, h);
        for (int ti = 0; ti < t; ti++) {
            for (int zi = 0; zi < z; zi++) {
                for (int ci = 0; ci < c; ci++) {
                    ShortProcessor sp = new ShortProcessor(w, h);
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            sp.set(x, y, code(x, y, ci, zi, ti));
                        }
                    }
                    stack.addSlice("c" + ci + "z" + zi + "t" + ti, sp);
                }
            }
        }
        ImagePlus imp = IJ.createHyperStack("hs", w, h, c, z, t, 16);
        imp.setStack(stack, c, z, t);
        return imp;
    }

    private static int code(int x, int y, int c, int z, int t) {
        return x + 10 * y + 100 * c + 1000 * z + 10000 * t;
    }

    @Test
    void wrapsAHyperstackWithoutCopyingInXYCZTOrder() {
        ImagePlus imp = hyperstack(4, 3, 2, 3, 2);
        RandomAccessibleInterval<? extends RealType<?>> img = ImagePlusBridge.wrap(imp);
        assertArrayEquals(new long[] {4, 3, 2, 3, 2}, img.dimensionsAsLongArray());
        RandomAccess<? extends RealType<?>> ra = img.randomAccess();
        for (int[] p : new int[][] {{0, 0, 0, 0, 0}, {3, 2, 1, 2, 1}, {1, 2, 0, 1, 1}, {2, 0, 1, 0, 1}}) {
            ra.setPosition(p);
            assertEquals(code(p[0], p[1], p[2], p[3], p[4]), ra.get().getRealDouble(), 0);
        }
        // No copy: the planar image's planes are the stack's own arrays.
        PlanarImg<?, ?> planar = (PlanarImg<?, ?>) img;
        assertSame(imp.getStack().getPixels(imp.getStackIndex(2, 3, 2)),
                planar.getPlane(1 + 2 * (2 + 3 * 1)).getCurrentStorageArray());
    }

    @Test
    void splitsRgbIntoThreeChannels() {
        ColorProcessor cp = new ColorProcessor(2, 1);
        cp.set(0, 0, (10 << 16) | (20 << 8) | 30);
        cp.set(1, 0, (200 << 16) | (100 << 8) | 50);
        RandomAccessibleInterval<? extends RealType<?>> img = ImagePlusBridge.wrap(new ImagePlus("rgb", cp));
        assertArrayEquals(new long[] {2, 1, 3, 1, 1}, img.dimensionsAsLongArray());
        RandomAccess<? extends RealType<?>> ra = img.randomAccess();
        ra.setPosition(new int[] {1, 0, 0, 0, 0});
        assertEquals(200, ra.get().getRealDouble(), 0);
        ra.setPosition(new int[] {0, 0, 2, 0, 0});
        assertEquals(30, ra.get().getRealDouble(), 0);
    }

    @Test
    void outputKeepsDimensionsCalibrationLabelsAndDisplayRange() {
        ImagePlus imp = hyperstack(5, 4, 2, 1, 3);
        Calibration cal = imp.getCalibration();
        cal.pixelWidth = 0.1;
        cal.pixelHeight = 0.2;
        cal.pixelDepth = 0.5;
        cal.frameInterval = 2.5;
        cal.xOrigin = 3;
        cal.yOrigin = 4;
        cal.setUnit("micron");
        cal.setTimeUnit("s");
        imp.setDisplayRange(100, 20000);
        Img<FloatType> floats = ArrayImgs.floats(5, 4, 2, 1, 3);
        ImagePlus out = ImagePlusBridge.toImagePlus(floats, imp, "hs-deblurred");
        assertEquals("hs-deblurred", out.getTitle());
        assertArrayEquals(imp.getDimensions(), out.getDimensions());
        assertEquals(ImagePlus.GRAY32, out.getType());
        Calibration c = out.getCalibration();
        assertEquals(0.1, c.pixelWidth, 0);
        assertEquals(0.2, c.pixelHeight, 0);
        assertEquals(0.5, c.pixelDepth, 0);
        assertEquals(2.5, c.frameInterval, 0);
        assertEquals(3, c.xOrigin, 0);
        assertEquals(4, c.yOrigin, 0);
        assertEquals("micron", c.getUnit());
        assertEquals("s", c.getTimeUnit());
        assertEquals(100, out.getDisplayRangeMin(), 0);
        assertEquals(20000, out.getDisplayRangeMax(), 0);
        assertEquals("c1z0t2", out.getStack().getSliceLabel(out.getStackIndex(2, 1, 3)));
    }

    @Test
    void roundTripOfA32BitImageIsExact() {
        FloatProcessor fp = new FloatProcessor(3, 2, new float[] {1.5f, -2f, 3f, 4f, 5.25f, 6f});
        ImagePlus imp = new ImagePlus("f", fp);
        @SuppressWarnings("unchecked")
        RandomAccessibleInterval<FloatType> img = (RandomAccessibleInterval<FloatType>) ImagePlusBridge.wrap(imp);
        Img<FloatType> copy = ArrayImgs.floats(Planes.toFloatArray(Views.hyperSlice(Views.hyperSlice(
                Views.hyperSlice(img, 4, 0), 3, 0), 2, 0)), 3, 2, 1, 1, 1);
        ImagePlus back = ImagePlusBridge.toImagePlus(copy, imp, "f2");
        assertArrayEquals((float[]) fp.getPixels(), (float[]) back.getProcessor().getPixels(), 0f);
    }

    @Test
    void keepBitDepthClipsAndRounds() {
        ImagePlus template = new ImagePlus("b", new ij.process.ByteProcessor(3, 1));
        ImagePlus floats = new ImagePlus("f", new FloatProcessor(3, 1, new float[] {-7f, 100.6f, 300f}));
        ImagePlus bytes = ImagePlusBridge.toBitDepth(floats, template);
        assertEquals(ImagePlus.GRAY8, bytes.getType());
        assertArrayEquals(new int[] {0, 101, 255}, new int[] {bytes.getProcessor().get(0), bytes.getProcessor().get(1),
                bytes.getProcessor().get(2)});
        ImagePlus shortTemplate = new ImagePlus("s", new ShortProcessor(3, 1));
        ImagePlus shorts = ImagePlusBridge.toBitDepth(
                new ImagePlus("f", new FloatProcessor(3, 1, new float[] {-1f, 1234.4f, 70000f})), shortTemplate);
        assertEquals(ImagePlus.GRAY16, shorts.getType());
        assertEquals(1234, shorts.getProcessor().get(1));
        assertEquals(65535, shorts.getProcessor().get(2));
        assertEquals(0, shorts.getProcessor().get(0));
    }
}
