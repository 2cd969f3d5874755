package io.github.biattention.deblur.inference;

import java.util.Arrays;

/**
 * Accumulates network outputs of overlapping {@link Tile}s into one image,
 * weighting each tile by its {@link Tile#weight ramp} so seams fade smoothly.
 *
 * <p>Memory: exactly two {@code width * height} float arrays, the weighted sum
 * (which becomes the result) and the weight sum; together they are the output
 * buffer of a plane. {@link #result()} divides in place and hands out the sum
 * array itself; the blender is finished after that. Not thread-safe: add tiles
 * from one thread (or synchronize externally).
 */
public final class TileBlender {

    private final long width;
    private final long height;
    private final float[] sum;
    private float[] weights;

    /**
     * @param width  image width, {@code > 0}
     * @param height image height, {@code > 0}
     * @throws IllegalArgumentException if a size is not positive or the image
     *                                  does not fit one Java array
     */
    public TileBlender(final long width, final long height) {
        final int n = Planes.area(width, height);
        this.width = width;
        this.height = height;
        this.sum = new float[n];
        this.weights = new float[n];
    }

    /** Image width. */
    public long width() { return width; }

    /** Image height. */
    public long height() { return height; }

    /**
     * Adds one tile's output.
     *
     * @param tile       a tile planned for an image of this blender's size
     * @param tileOutput the network output for the tile, row-major, {@code tile.width() * tile.height()} values
     * @throws IllegalArgumentException if the tile belongs to another image size or the output length differs
     * @throws IllegalStateException    after {@link #result()}
     */
    public void add(final Tile tile, final float[] tileOutput) {
        if (weights == null) throw new IllegalStateException("result() was already taken");
        if (tile.imageWidth() != width || tile.imageHeight() != height) {
            throw new IllegalArgumentException("tile is for a " + tile.imageWidth() + " x " + tile.imageHeight()
                    + " image, blender is " + width + " x " + height);
        }
        final int tw = tile.width();
        final int th = tile.height();
        if (tileOutput.length != tw * th) {
            throw new IllegalArgumentException(
                    "tile output has " + tileOutput.length + " values, expected " + tw + " x " + th);
        }
        // Separable weights: two short arrays instead of a full weight map per tile.
        final float[] wx = tile.weightsX();
        final float[] wy = tile.weightsY();
        final float[] s = sum;
        final float[] w = weights;
        for (int y = 0; y < th; y++) {
            final int row = (int) ((tile.y0() + y) * width + tile.x0());
            final int in = y * tw;
            final float ry = wy[y];
            for (int x = 0; x < tw; x++) {
                final float weight = wx[x] * ry;
                s[row + x] += weight * tileOutput[in + x];
                w[row + x] += weight;
            }
        }
    }

    /**
     * The blended image, row-major {@code width * height}: the weighted mean of
     * all tile outputs covering each pixel; NaN where no tile was added.
     * Divides in place and returns the internal buffer (no copy); later calls
     * return the same array, and {@link #add} is no longer allowed.
     */
    public float[] result() {
        if (weights != null) {
            final float[] s = sum;
            final float[] w = weights;
            for (int i = 0; i < s.length; i++) {
                s[i] = w[i] > 0 ? s[i] / w[i] : Float.NaN;
            }
            weights = null; // release half of the memory early
        }
        return sum;
    }

    /** Total weight per pixel so far (a copy), for diagnostics and tests. */
    float[] weightSum() {
        if (weights == null) throw new IllegalStateException("result() was already taken");
        return Arrays.copyOf(weights, weights.length);
    }
}
