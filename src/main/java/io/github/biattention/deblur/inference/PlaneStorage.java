package io.github.biattention.deblur.inference;

import net.imglib2.Interval;
import net.imglib2.RandomAccessible;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.transform.integer.MixedTransform;
import net.imglib2.view.IntervalView;
import net.imglib2.view.MixedTransformView;

/**
 * Where the pixels of a 2D view live when they live in one primitive array:
 * view pixel {@code (x, y)} is {@code array[base + (y + offsetY) * stride + (x + offsetX)]}
 * for {@code 0 <= x + offsetX < planeWidth} and {@code 0 <= y + offsetY < planeHeight}.
 *
 * <p>{@link #resolve} sees through {@link IntervalView} and {@link MixedTransformView}
 * layers (what {@code Views.interval}, {@code translate}, {@code offset},
 * {@code zeroMin} and {@code hyperSlice} build) down to an {@link ArrayImg} or
 * {@link PlanarImg}, as long as view x/y map un-inverted onto image axes 0/1 and
 * every other image axis is fixed. Anything else (permuted or inverted axes,
 * cell images, extended views, converters) resolves to {@code null} and callers
 * fall back to cursors.
 */
final class PlaneStorage {
    private final Object array;
    private final PrimitiveKind kind;
    private final int base;
    private final int planeWidth;
    private final int planeHeight;
    private final long offsetX;
    private final long offsetY;

    private PlaneStorage(final Object array, final PrimitiveKind kind, final int base, final int planeWidth,
            final int planeHeight, final long offsetX, final long offsetY) {
        this.array = array;
        this.kind = kind;
        this.base = base;
        this.planeWidth = planeWidth;
        this.planeHeight = planeHeight;
        this.offsetX = offsetX;
        this.offsetY = offsetY;
    }

    Object array() { return array; }
    PrimitiveKind kind() { return kind; }
    int planeWidth() { return planeWidth; }
    int planeHeight() { return planeHeight; }

    /** Array index of view pixel (x, y); only valid when {@link #contains} holds for it. */
    int index(final long x, final long y) {
        return base + (int) ((y + offsetY) * planeWidth + (x + offsetX));
    }

    /** Storage column of view column x (may be outside the plane). */
    long column(final long x) { return x + offsetX; }

    /** Storage row of view row y (may be outside the plane). */
    long row(final long y) { return y + offsetY; }

    /** Array index of the first pixel of storage row {@code row} (0 &lt;= row &lt; planeHeight). */
    int rowStart(final int row) { return base + row * planeWidth; }

    /** Whether the view rectangle [minX..maxX] x [minY..maxY] lies inside the stored plane. */
    boolean contains(final long minX, final long minY, final long maxX, final long maxY) {
        return minX + offsetX >= 0 && minY + offsetY >= 0
                && maxX + offsetX < planeWidth && maxY + offsetY < planeHeight;
    }

    /** Whether the whole interval of a 2D view lies inside the stored plane. */
    boolean contains(final Interval view) {
        return contains(view.min(0), view.min(1), view.max(0), view.max(1));
    }

    /**
     * Resolves a 2D view to its primitive storage, or returns {@code null} when
     * that is not possible (see the class comment).
     */
    static PlaneStorage resolve(final RandomAccessible<?> view2d) {
        if (view2d.numDimensions() != 2) return null;
        // Image coordinate along axis d = offset[d] + (axis[d] == 0 ? x : axis[d] == 1 ? y : 0).
        long[] offset = {0, 0};
        int[] axis = {0, 1};
        RandomAccessible<?> current = view2d;
        for (int depth = 0; depth < 64; depth++) {
            if (current instanceof IntervalView) {
                // Intervals restrict nothing about where a coordinate maps to.
                current = ((IntervalView<?>) current).getSource();
            } else if (current instanceof MixedTransformView) {
                final MixedTransformView<?> v = (MixedTransformView<?>) current;
                final MixedTransform t = v.getTransformToSource();
                final int m = t.numTargetDimensions();
                final long[] nextOffset = new long[m];
                final int[] nextAxis = new int[m];
                for (int d = 0; d < m; d++) {
                    final long translation = t.getTranslation(d);
                    if (t.getComponentZero(d)) {
                        nextOffset[d] = translation;
                        nextAxis[d] = -1;
                    } else {
                        final int c = t.getComponentMapping(d);
                        if (t.getComponentInversion(d)) {
                            if (axis[c] != -1) return null; // mirrored x/y: not a plain row-major block
                            nextOffset[d] = translation - offset[c];
                            nextAxis[d] = -1;
                        } else {
                            nextOffset[d] = translation + offset[c];
                            nextAxis[d] = axis[c];
                        }
                    }
                }
                offset = nextOffset;
                axis = nextAxis;
                current = v.getSource();
            } else {
                break;
            }
        }
        if (current instanceof ArrayImg) return ofArrayImg((ArrayImg<?, ?>) current, offset, axis);
        if (current instanceof PlanarImg) return ofPlanarImg((PlanarImg<?, ?>) current, offset, axis);
        return null;
    }

    /** Checks the x/y-to-axes-0/1 mapping and that fixed axes are in range. */
    private static boolean isPlaneSelection(final Interval img, final long[] offset, final int[] axis) {
        final int n = img.numDimensions();
        if (n < 2 || axis.length != n || axis[0] != 0 || axis[1] != 1) return false;
        for (int d = 2; d < n; d++) {
            if (axis[d] != -1 || offset[d] < 0 || offset[d] >= img.dimension(d)) return false;
        }
        return true;
    }

    private static PlaneStorage ofArrayImg(final ArrayImg<?, ?> img, final long[] offset, final int[] axis) {
        if (!isPlaneSelection(img, offset, axis)) return null;
        final Object array = PrimitiveKind.storageOf(img.update(null));
        final PrimitiveKind kind = PrimitiveKind.of(img.getType(), array);
        if (kind == null) return null;
        // Flat ArrayImg layout: axes 2.. select a contiguous width*height block.
        long base = 0;
        long stride = img.dimension(0) * img.dimension(1);
        for (int d = 2; d < img.numDimensions(); d++) {
            base += offset[d] * stride;
            stride *= img.dimension(d);
        }
        return new PlaneStorage(array, kind, (int) base, (int) img.dimension(0), (int) img.dimension(1),
                offset[0], offset[1]);
    }

    private static PlaneStorage ofPlanarImg(final PlanarImg<?, ?> img, final long[] offset, final int[] axis) {
        if (!isPlaneSelection(img, offset, axis)) return null;
        // PlanarImg numbers its planes in flat order over axes 2..n-1.
        long plane = 0;
        long stride = 1;
        for (int d = 2; d < img.numDimensions(); d++) {
            plane += offset[d] * stride;
            stride *= img.dimension(d);
        }
        final Object array = PrimitiveKind.storageOf(img.getPlane((int) plane));
        final PrimitiveKind kind = PrimitiveKind.of(img.getType(), array);
        if (kind == null) return null;
        return new PlaneStorage(array, kind, 0, (int) img.dimension(0), (int) img.dimension(1), offset[0], offset[1]);
    }
}
