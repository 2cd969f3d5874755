package io.github.biattention.deblur.inference;

/**
 * One rectangle of an image to run through the network, together with the
 * weights its output gets when overlapping tiles are blended.
 *
 * <p>The rectangle {@code [x0, x0 + width) x [y0, y0 + height)} lies inside the
 * {@code imageWidth x imageHeight} image (0-based coordinates from the image's
 * minimum corner); it includes the context the network needs, and its whole
 * output is blended (nothing is cropped).
 *
 * <p><b>Weights.</b> The weight of tile pixel {@code (x, y)} is
 * {@code rampX(x) * rampY(y)}. Along an axis the ramp is 1 except within
 * {@code overlap} pixels of an edge that is <em>interior</em> to the image
 * (another tile continues there), where it rises as a raised cosine,
 * {@code 0.5 - 0.5 * cos(pi * (d + 0.5) / overlap)} for the pixel at distance
 * {@code d} from the edge, floored at {@value #MIN_RAMP}. Edges on the image
 * border keep weight 1 (no other tile covers those pixels), and every weight is
 * positive, so a pixel covered by any tile has a positive total weight.
 *
 * <p>Immutable and thread-safe.
 */
public final class Tile {

    /** Smallest ramp value, so weights never reach 0 inside a tile. */
    public static final float MIN_RAMP = 1e-4f;

    private final long x0;
    private final long y0;
    private final int width;
    private final int height;
    private final long imageWidth;
    private final long imageHeight;
    private final int overlap;

    /**
     * @param x0          left column, {@code >= 0}
     * @param y0          top row, {@code >= 0}
     * @param width       tile width, {@code > 0}, {@code x0 + width <= imageWidth}
     * @param height      tile height, {@code > 0}, {@code y0 + height <= imageHeight}
     * @param imageWidth  width of the whole image
     * @param imageHeight height of the whole image
     * @param overlap     ramp length in pixels at interior edges, {@code >= 0} (0: no ramp)
     * @throws IllegalArgumentException if the tile is empty, leaves the image, or overlap is negative
     */
    public Tile(final long x0, final long y0, final int width, final int height, final long imageWidth,
            final long imageHeight, final int overlap) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("tile size must be positive, got " + width + " x " + height);
        }
        if (overlap < 0) throw new IllegalArgumentException("overlap must be >= 0, got " + overlap);
        if (x0 < 0 || y0 < 0 || x0 + width > imageWidth || y0 + height > imageHeight) {
            throw new IllegalArgumentException("tile (" + x0 + ", " + y0 + ", " + width + " x " + height
                    + ") is not inside the " + imageWidth + " x " + imageHeight + " image");
        }
        this.x0 = x0;
        this.y0 = y0;
        this.width = width;
        this.height = height;
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.overlap = overlap;
    }

    /** Left column in image coordinates (0-based). */
    public long x0() { return x0; }

    /** Top row in image coordinates (0-based). */
    public long y0() { return y0; }

    /** Tile width in pixels (what the network reads and returns). */
    public int width() { return width; }

    /** Tile height in pixels. */
    public int height() { return height; }

    /** Width of the image the tile belongs to. */
    public long imageWidth() { return imageWidth; }

    /** Height of the image the tile belongs to. */
    public long imageHeight() { return imageHeight; }

    /** Ramp length at interior edges. */
    public int overlap() { return overlap; }

    /** Number of pixels, {@code width * height}. */
    public long size() { return (long) width * height; }

    /** Whether the left edge is the image border (weight 1 there, no ramp). */
    public boolean atLeftBorder() { return x0 == 0; }

    /** Whether the top edge is the image border. */
    public boolean atTopBorder() { return y0 == 0; }

    /** Whether the right edge is the image border. */
    public boolean atRightBorder() { return x0 + width == imageWidth; }

    /** Whether the bottom edge is the image border. */
    public boolean atBottomBorder() { return y0 + height == imageHeight; }

    /**
     * Blending weight of tile pixel {@code (x, y)}, in {@code (0, 1]}.
     *
     * @throws IndexOutOfBoundsException if {@code (x, y)} is outside the tile
     */
    public float weight(final int x, final int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException("(" + x + ", " + y + ") outside " + width + " x " + height);
        }
        return axisWeight(x, width, atLeftBorder(), atRightBorder(), overlap)
                * axisWeight(y, height, atTopBorder(), atBottomBorder(), overlap);
    }

    /** All weights, row-major ({@code y * width + x}); a new array each call. */
    public float[] weightMap() {
        final float[] wx = weightsX();
        final float[] wy = weightsY();
        final float[] map = new float[Planes.area(width, height)];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                map[y * width + x] = wx[x] * wy[y];
            }
        }
        return map;
    }

    /** Per-column ramp; the weight map is its outer product with {@link #weightsY()}. */
    float[] weightsX() {
        return axisWeights(width, atLeftBorder(), atRightBorder(), overlap);
    }

    /** Per-row ramp. */
    float[] weightsY() {
        return axisWeights(height, atTopBorder(), atBottomBorder(), overlap);
    }

    private static float[] axisWeights(final int length, final boolean startAtBorder, final boolean endAtBorder,
            final int overlap) {
        final float[] w = new float[length];
        for (int i = 0; i < length; i++) {
            w[i] = axisWeight(i, length, startAtBorder, endAtBorder, overlap);
        }
        return w;
    }

    private static float axisWeight(final int i, final int length, final boolean startAtBorder,
            final boolean endAtBorder, final int overlap) {
        final float start = startAtBorder ? 1 : ramp(i, overlap);
        final float end = endAtBorder ? 1 : ramp(length - 1 - i, overlap);
        return Math.min(start, end);
    }

    /** Raised cosine over {@code overlap} pixels; the +0.5 samples pixel centres so d = 0 is not 0. */
    private static float ramp(final int distance, final int overlap) {
        if (distance >= overlap) return 1;
        final double r = 0.5 - 0.5 * Math.cos(Math.PI * (distance + 0.5) / overlap);
        return Math.max(MIN_RAMP, (float) r);
    }

    @Override
    public boolean equals(final Object o) {
        if (this == o) return true;
        if (!(o instanceof Tile)) return false;
        final Tile t = (Tile) o;
        return x0 == t.x0 && y0 == t.y0 && width == t.width && height == t.height && imageWidth == t.imageWidth
                && imageHeight == t.imageHeight && overlap == t.overlap;
    }

    @Override
    public int hashCode() {
        long h = x0;
        h = 31 * h + y0;
        h = 31 * h + width;
        h = 31 * h + height;
        h = 31 * h + imageWidth;
        h = 31 * h + imageHeight;
        h = 31 * h + overlap;
        return Long.hashCode(h);
    }

    @Override
    public String toString() {
        return "Tile[x0=" + x0 + ", y0=" + y0 + ", width=" + width + ", height=" + height + ", image="
                + imageWidth + "x" + imageHeight + ", overlap=" + overlap + "]";
    }
}
