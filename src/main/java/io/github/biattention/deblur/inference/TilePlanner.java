package io.github.biattention.deblur.inference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Splits an image into overlapping tiles that stay inside it.
 *
 * <p>Per axis of length {@code L}, the tile length is {@code min(tileSize, L)}.
 * If {@code L <= tileSize} a single tile spans the axis. Otherwise tiles start
 * every {@code tileSize - overlap} pixels, and the last one is shifted back to
 * end exactly at the border, so consecutive tiles overlap by at least
 * {@code overlap} pixels (the last pair possibly by more), the tiles cover
 * every pixel, and no tile reads outside the image. A network that needs
 * larger or differently sized input pads the tile itself (for instance with
 * {@link Planes#readRegion}'s mirroring).
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
        final long[] xs = starts(imageWidth, tileSize, overlap);
        final long[] ys = starts(imageHeight, tileSize, overlap);
        final int w = (int) Math.min(tileSize, imageWidth);
        final int h = (int) Math.min(tileSize, imageHeight);
        final List<Tile> tiles = new ArrayList<>(xs.length * ys.length);
        for (final long y : ys) {
            for (final long x : xs) {
                tiles.add(new Tile(x, y, w, h, imageWidth, imageHeight, overlap));
            }
        }
        return Collections.unmodifiableList(tiles);
    }

    /** Tile start positions along one axis. */
    static long[] starts(final long length, final int tileSize, final int overlap) {
        if (length <= tileSize) return new long[] {0};
        final long step = tileSize - overlap;
        final long count = ceilDiv(length - tileSize, step) + 1;
        if (count > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many tiles: " + count);
        final long[] starts = new long[(int) count];
        for (int i = 0; i < count - 1; i++) {
            starts[i] = i * step;
        }
        starts[(int) count - 1] = length - tileSize;
        return starts;
    }

    private static long ceilDiv(final long a, final long b) {
        return (a + b - 1) / b;
    }
}
