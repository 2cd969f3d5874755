package io.github.biattention.deblur.inference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Splits an image into overlapping tiles that stay inside it.
 *
 * <p>Per axis of length {@code L} (unaligned plans), the tile length is {@code min(tileSize, L)}.
 * If {@code L <= tileSize} a single tile spans the axis. Otherwise tiles start
 * every {@code tileSize - overlap} pixels, and the last one is shifted back to
 * end exactly at the border, so consecutive tiles overlap by at least
 * {@code overlap} pixels (the last pair possibly by more), the tiles cover
 * every pixel, and no tile reads outside the image. A network that needs
 * larger or differently sized input pads the tile itself (for instance with
 * {@link Planes#readRegion}'s mirroring).
 *
 * <p><b>Aligned plans</b> ({@link #plan(long, long, int, int, int)} with a
 * {@code multiple > 1}) start every tile at a multiple of {@code multiple}, the
 * factor by which a network down-samples. Then every tile sees the image on the
 * same pooling grid as a run over the whole image would, which makes tiled
 * outputs agree much better with untiled ones (networks with strided
 * convolutions or pixel unshuffles are not shift-invariant). The step is
 * {@code tileSize - overlap} rounded down to a multiple, and the last tile starts
 * at the first multiple at or after {@code length - tileSize} and is cut at the
 * border, so it may be up to {@code multiple - 1} pixels narrower than the
 * others; the network pads it at that border as it would pad the whole image.
 */
public final class TilePlanner {

    private TilePlanner() {
    }

    /**
     * Plans tiles for an image.
     *
     * @param imageWidth  image width, {@code > 0}
     * @param imageHeight image height, {@code > 0}
     * @param tileSize    tile side, {@code > 2 * overlap}
     * @param overlap     minimum overlap of neighbouring tiles and their blending ramp, {@code >= 0}
     * @return an unmodifiable list in row-major order (left to right within a
     *         row of tiles, rows top to bottom); deterministic
     * @throws IllegalArgumentException on non-positive sizes, negative overlap,
     *                                  or {@code tileSize <= 2 * overlap}
     */
    public static List<Tile> plan(final long imageWidth, final long imageHeight, final int tileSize,
            final int overlap) {
        return plan(imageWidth, imageHeight, tileSize, overlap, 1);
    }

    /**
     * Plans tiles whose starts are multiples of {@code multiple} (see the class
     * comment); {@code multiple = 1} is {@link #plan(long, long, int, int)}.
     * When {@code tileSize - overlap < multiple} no aligned step exists and the
     * tiles are planned unaligned, as with {@code multiple = 1}.
     *
     * @param multiple the network's down-sampling factor, {@code >= 1}
     * @return an unmodifiable list in row-major order; tiles are
     *         {@code min(tileSize, side)} long except possibly the last of a row
     *         or column, which is at most {@code multiple - 1} shorter
     * @throws IllegalArgumentException as {@link #plan(long, long, int, int)},
     *                                  or if {@code multiple < 1}
     */
    public static List<Tile> plan(final long imageWidth, final long imageHeight, final int tileSize,
            final int overlap, final int multiple) {
        if (multiple < 1) throw new IllegalArgumentException("multiple must be >= 1, got " + multiple);
        if (imageWidth <= 0 || imageHeight <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + imageWidth + " x " + imageHeight);
        }
        if (tileSize <= 0) throw new IllegalArgumentException("tileSize must be positive, got " + tileSize);
        if (overlap < 0) throw new IllegalArgumentException("overlap must be >= 0, got " + overlap);
        if (tileSize <= 2L * overlap) {
            // Otherwise the ramps of both edges of a tile would meet, and no pixel of it would be trusted fully.
            throw new IllegalArgumentException(
                    "tileSize must be > 2 * overlap, got tileSize=" + tileSize + ", overlap=" + overlap);
        }
        final int m = tileSize - overlap >= multiple ? multiple : 1;
        final long[] xs = starts(imageWidth, tileSize, overlap, m);
        final long[] ys = starts(imageHeight, tileSize, overlap, m);
        final List<Tile> tiles = new ArrayList<>(xs.length * ys.length);
        for (final long y : ys) {
            for (final long x : xs) {
                tiles.add(new Tile(x, y, (int) Math.min(tileSize, imageWidth - x),
                        (int) Math.min(tileSize, imageHeight - y), imageWidth, imageHeight, overlap));
            }
        }
        return Collections.unmodifiableList(tiles);
    }

    /** Tile start positions along one axis. */
    static long[] starts(final long length, final int tileSize, final int overlap) {
        return starts(length, tileSize, overlap, 1);
    }

    /**
     * Tile start positions along one axis, multiples of {@code multiple}
     * (which must divide into {@code tileSize - overlap} at least once).
     */
    static long[] starts(final long length, final int tileSize, final int overlap, final int multiple) {
        if (length <= tileSize) return new long[] {0};
        final long step = (tileSize - overlap) / multiple * multiple;
        final long count = ceilDiv(length - tileSize, step) + 1;
        if (count > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many tiles: " + count);
        final long[] starts = new long[(int) count];
        for (int i = 0; i < count - 1; i++) {
            starts[i] = i * step;
        }
        // In (starts[count-2], (count-1) * step]: after the previous start, and at most one step on, so the
        // overlap with the previous tile is at least tileSize - step >= overlap.
        starts[(int) count - 1] = ceilDiv(length - tileSize, multiple) * multiple;
        return starts;
    }

    private static long ceilDiv(final long a, final long b) {
        return (a + b - 1) / b;
    }
}
