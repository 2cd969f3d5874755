package io.github.biattention.deblur.inference;

import net.imglib2.Cursor;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Bulk copies between 2D ImgLib2 images and row-major {@code float[]} planes
 * (pixel {@code (x, y)} at index {@code y * width + x}, axis 0 = x, axis 1 = y).
 *
 * <p><b>Fast path.</b> When a plane's pixels sit in one primitive array, i.e.
 * the plane is an {@code ArrayImg} or {@code PlanarImg} of {@code ByteType},
 * {@code UnsignedByteType}, {@code ShortType}, {@code UnsignedShortType},
 * {@code IntType}, {@code UnsignedIntType}, {@code FloatType} or
 * {@code DoubleType}, or an interval / translation / {@code hyperSlice} view of
 * one that keeps x and y as axes 0 and 1, rows are converted straight from the
 * storage array (unsigned types are read unsigned). Anything else is read with
 * a cursor in flat iteration order ({@link Views#flatIterable}), which gives the
 * same values, only slower.
 */
public final class Planes {

    /** Largest array length the JVM reliably allocates. */
    static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private Planes() {
    }

    /**
     * Copies a 2D image into a new row-major array.
     *
     * @param plane2d a 2D image with any minimum; pixel {@code (min0 + x, min1 + y)}
     *                goes to index {@code y * width + x}
     * @return a new array of {@code width * height} values ({@code getRealFloat})
     * @throws IllegalArgumentException if {@code plane2d} is not 2D or has more
     *                                  than {@value #MAX_ARRAY_LENGTH} pixels
     */
    public static float[] toFloatArray(final RandomAccessibleInterval<? extends RealType<?>> plane2d) {
        requireTwoDimensional(plane2d, "plane2d");
        final float[] out = new float[area(plane2d.dimension(0), plane2d.dimension(1))];
        final int width = (int) plane2d.dimension(0);
        final int height = (int) plane2d.dimension(1);
        final PlaneStorage storage = PlaneStorage.resolve(plane2d);
        if (storage != null && storage.contains(plane2d)) {
            final long minX = plane2d.min(0);
            final long minY = plane2d.min(1);
            if (width == storage.planeWidth()) {
                // Whole rows: the region is one contiguous run.
                storage.kind().toFloat(storage.array(), storage.index(minX, minY), out, 0, out.length);
            } else {
                for (int y = 0; y < height; y++) {
                    storage.kind().toFloat(storage.array(), storage.index(minX, minY + y), out, y * width, width);
                }
            }
            return out;
        }
        final Cursor<? extends RealType<?>> cursor = Views.flatIterable(plane2d).cursor();
        for (int i = 0; i < out.length; i++) {
            out[i] = cursor.next().getRealFloat();
        }
        return out;
    }

    /**
     * Wraps a row-major array as a zero-min {@code width x height} image without
     * copying: writes to either are visible in the other.
     *
     * @throws NullPointerException     if {@code data} is null
     * @throws IllegalArgumentException if a size is not positive or
     *                                  {@code data.length != width * height}
     */
    public static Img<FloatType> toImg(final float[] data, final long width, final long height) {
        checkLength(data, width, height);
        return ArrayImgs.floats(data, width, height);
    }

    /**
     * Writes a row-major array into a 2D float image (any minimum), in the
     * order of {@link #toFloatArray}.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code target2d} is not 2D or
     *                                  {@code data.length != width * height}
     */
    public static void copyInto(final float[] data, final RandomAccessibleInterval<FloatType> target2d) {
        requireTwoDimensional(target2d, "target2d");
        final long width = target2d.dimension(0);
        final long height = target2d.dimension(1);
        checkLength(data, width, height);
        final PlaneStorage storage = PlaneStorage.resolve(target2d);
        if (storage != null && storage.kind() == PrimitiveKind.FLOAT && storage.contains(target2d)) {
            final long minX = target2d.min(0);
            final long minY = target2d.min(1);
            for (int y = 0; y < height; y++) {
                System.arraycopy(data, (int) (y * width), storage.array(), storage.index(minX, minY + y), (int) width);
            }
            return;
        }
        final Cursor<FloatType> cursor = Views.flatIterable(target2d).cursor();
        for (final float v : data) {
            cursor.next().set(v);
        }
    }

    /**
     * Reads a {@code w x h} rectangle of a 2D image into a new row-major array,
     * mirroring at the image border where the rectangle sticks out.
     *
     * <p>Out-of-bounds pixels follow {@link Views#extendMirrorSingle}: the
     * border pixel is not repeated ({@code ... 2 1 | 0 1 2 ... | n-2 n-3 ...}),
     * as numpy's {@code 'reflect'} and PyTorch's {@code ReflectionPad2d}; a
     * 1-pixel-wide axis repeats its only pixel. This suits padding a small
     * image up to a network's input size without creating a flat seam.
     *
     * @param plane2d a 2D image with any minimum
     * @param x0      left column, as an offset from {@code plane2d.min(0)}
     *                (may be negative or beyond the image)
     * @param y0      top row, as an offset from {@code plane2d.min(1)}
     * @param w       width of the rectangle, &gt; 0
     * @param h       height of the rectangle, &gt; 0
     * @return a new array of {@code w * h} values
     * @throws IllegalArgumentException if {@code plane2d} is not 2D, a size is
     *                                  not positive, or {@code w * h} is too large
     */
    public static float[] readRegion(final RandomAccessibleInterval<? extends RealType<?>> plane2d,
            final long x0, final long y0, final int w, final int h) {
        requireTwoDimensional(plane2d, "plane2d");
        final float[] out = new float[area(w, h)];
        final long minX = plane2d.min(0);
        final long minY = plane2d.min(1);
        final long width = plane2d.dimension(0);
        final long height = plane2d.dimension(1);
        final boolean inside = x0 >= 0 && y0 >= 0 && x0 + w <= width && y0 + h <= height;
        final PlaneStorage storage = PlaneStorage.resolve(plane2d);
        if (storage != null && storage.contains(plane2d)) {
            if (inside) {
                for (int y = 0; y < h; y++) {
                    storage.kind().toFloat(storage.array(), storage.index(minX + x0, minY + y0 + y), out, y * w, w);
                }
            } else {
                readMirrored(storage, minX, minY, width, height, x0, y0, w, h, out);
            }
            return out;
        }
        final long[] min = {minX + x0, minY + y0};
        final long[] max = {min[0] + w - 1, min[1] + h - 1};
        final RandomAccessibleInterval<? extends RealType<?>> region = inside
                ? Views.interval(plane2d, min, max)
                : Views.interval(Views.extendMirrorSingle(plane2d), new FinalInterval(min, max));
        final Cursor<? extends RealType<?>> cursor = Views.flatIterable(region).cursor();
        for (int i = 0; i < out.length; i++) {
            out[i] = cursor.next().getRealFloat();
        }
        return out;
    }

    /**
     * Array-backed mirrored read: each needed source row is converted once in
     * bulk into a row buffer, then columns are gathered through a mirrored
     * column index table.
     */
    private static void readMirrored(final PlaneStorage storage, final long minX, final long minY, final long width,
            final long height, final long x0, final long y0, final int w, final int h, final float[] out) {
        final int[] columns = new int[w];
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (int x = 0; x < w; x++) {
            final int c = (int) storage.column(minX + mirror(x0 + x, width));
            columns[x] = c;
            first = Math.min(first, c);
            last = Math.max(last, c);
        }
        final float[] row = new float[last - first + 1];
        int loadedRow = -1;
        for (int y = 0; y < h; y++) {
            final int r = (int) storage.row(minY + mirror(y0 + y, height));
            if (r != loadedRow) {
                storage.kind().toFloat(storage.array(), storage.rowStart(r) + first, row, 0, row.length);
                loadedRow = r;
            }
            final int offset = y * w;
            for (int x = 0; x < w; x++) {
                out[offset + x] = row[columns[x] - first];
            }
        }
    }

    /**
     * Single-boundary mirror of a 0-based coordinate into {@code [0, size)},
     * matching {@code OutOfBoundsMirrorSingleBoundary}.
     */
    static long mirror(final long i, final long size) {
        if (size == 1) return 0;
        final long period = 2 * size - 2;
        final long p = Math.floorMod(i, period);
        return p < size ? p : period - p;
    }

    static int area(final long width, final long height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("sizes must be positive, got " + width + " x " + height);
        }
        if (width > MAX_ARRAY_LENGTH / height) {
            throw new IllegalArgumentException(
                    width + " x " + height + " pixels do not fit one Java array (max " + MAX_ARRAY_LENGTH + ")");
        }
        return (int) (width * height);
    }

    private static void checkLength(final float[] data, final long width, final long height) {
        if (data == null) throw new NullPointerException("data");
        final int n = area(width, height);
        if (data.length != n) {
            throw new IllegalArgumentException(
                    "data has " + data.length + " values, expected " + width + " x " + height + " = " + n);
        }
    }

    private static void requireTwoDimensional(final RandomAccessibleInterval<?> image, final String name) {
        if (image == null) throw new NullPointerException(name);
        if (image.numDimensions() != 2) {
            throw new IllegalArgumentException(name + " must be 2D, got " + image.numDimensions() + "D");
        }
    }
}
