package io.github.biattention.deblur.inference;

import java.io.Serializable;

/**
 * A rectangle of a plane: {@code width x height} pixels from {@code (x0, y0)}. Serializable, since workers that share
 * one large plane are sent their rectangles.
 */
public final class Region implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long x0;
    private final long y0;
    private final int width;
    private final int height;

    /**
     * @throws IllegalArgumentException if a corner is negative or a side is not positive, or the rectangle does not
     *     fit one Java array
     */
    public Region(long x0, long y0, long width, long height) {
        if (x0 < 0 || y0 < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a region needs a corner >= 0 and positive sides, got " + width + " x "
                    + height + " at (" + x0 + ", " + y0 + ")");
        }
        Planes.area(width, height);
        this.x0 = x0;
        this.y0 = y0;
        this.width = (int) width;
        this.height = (int) height;
    }

    public long x0() {
        return x0;
    }

    public long y0() {
        return y0;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Whether the tile covers at least one pixel of this region. */
    public boolean touches(Tile tile) {
        return tile.x0() < x0 + width && x0 < tile.x0() + tile.width()
                && tile.y0() < y0 + height && y0 < tile.y0() + tile.height();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Region && ((Region) o).x0 == x0 && ((Region) o).y0 == y0
                && ((Region) o).width == width && ((Region) o).height == height;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(x0) * 31 * 31 * 31 + Long.hashCode(y0) * 31 * 31 + width * 31 + height;
    }

    @Override
    public String toString() {
        return width + "x" + height + " at (" + x0 + ", " + y0 + ")";
    }
}
