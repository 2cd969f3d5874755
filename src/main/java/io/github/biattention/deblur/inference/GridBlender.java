package io.github.biattention.deblur.inference;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link TileBlender}'s weighted mean for the tiles of a grid (every column interval with every row interval once,
 * as {@link TilePlanner} plans them), with one {@code width * height} float array instead of two.
 *
 * <p>Why it can: a tile's weight is {@code rampX(x) * rampY(y)}, and on a grid the total weight of a pixel is the
 * product of the column intervals' ramps summed at {@code x} and the row intervals' ramps summed at {@code y}. Two
 * short arrays replace the per-pixel weight sum, which for an 8192x8192 plane saves 256 MiB. Results equal
 * {@link TileBlender}'s up to float rounding (a few units in the last place).
 *
 * <p>A blender may keep only a rectangle of the image ({@link #GridBlender(long, long, List, Region)}): it then
 * takes the tiles that reach into the rectangle and gives the rectangle's pixels. Every pixel is computed by the
 * same float operations in the same order as over the whole image (the tiles added in plan order, the weights of
 * the whole grid), so a plane put together from rectangles equals the whole-plane result bit for bit: what lets
 * several workers share one large plane.
 *
 * <p>Not thread-safe; add each planned tile once, then take {@link #result()}.
 */
final class GridBlender {

    private final long width;
    private final long height;
    private final Region region;
    private final float[] sum;
    private final float[] columnWeights;
    private final float[] rowWeights;
    private boolean finished;

    /**
     * @param tiles the planned tiles of a {@code width x height} image
     * @throws IllegalArgumentException if the tiles are not a grid over the image, or it does not fit one array
     */
    GridBlender(long width, long height, List<Tile> tiles) {
        this(width, height, tiles, new Region(0, 0, width, height));
    }

    /**
     * Keeps only {@code region} of the image: {@link #add} takes the tiles that {@link Region#touches} it (others
     * are ignored) and {@link #result()} is the region's {@code width * height} pixels, row-major.
     *
     * @throws IllegalArgumentException as above, or if the region does not lie inside the image
     */
    GridBlender(long width, long height, List<Tile> tiles, Region region) {
        if (region.x0() + region.width() > width || region.y0() + region.height() > height) {
            throw new IllegalArgumentException("region " + region + " is not inside the " + width + " x " + height
                    + " image");
        }
        int n = Planes.area(region.width(), region.height());
        this.width = width;
        this.height = height;
        this.region = region;
        TreeMap<Long, Tile> columns = new TreeMap<>();
        TreeMap<Long, Tile> rows = new TreeMap<>();
        Set<List<Long>> cells = new HashSet<>();
        for (Tile t : tiles) {
            if (t.imageWidth() != width || t.imageHeight() != height) {
                throw new IllegalArgumentException("tile " + t + " is not for a " + width + " x " + height + " image");
            }
            columns.putIfAbsent(t.x0(), t);
            rows.putIfAbsent(t.y0(), t);
            cells.add(List.of(t.x0(), t.y0()));
        }
        if (cells.size() != tiles.size() || (long) columns.size() * rows.size() != tiles.size()) {
            throw new IllegalArgumentException("the tiles are not a grid: " + tiles.size() + " tiles, "
                    + columns.size() + " columns, " + rows.size() + " rows");
        }
        columnWeights = new float[(int) width];
        for (Tile t : columns.values()) {
            float[] w = t.weightsX();
            for (int x = 0; x < w.length; x++) {
                columnWeights[(int) t.x0() + x] += w[x];
            }
        }
        rowWeights = new float[(int) height];
        for (Tile t : rows.values()) {
            float[] w = t.weightsY();
            for (int y = 0; y < w.length; y++) {
                rowWeights[(int) t.y0() + y] += w[y];
            }
        }
        sum = new float[n];
    }

    /**
     * Adds one tile's output, row-major {@code tile.width() * tile.height()} values, weighted by its ramps; only
     * its part inside the region counts.
     */
    void add(Tile tile, float[] tileOutput) {
        if (finished) {
            throw new IllegalStateException("result() was already taken");
        }
        int tw = tile.width();
        int th = tile.height();
        if (tileOutput.length != tw * th) {
            throw new IllegalArgumentException("tile output has " + tileOutput.length + " values, expected " + tw
                    + " x " + th);
        }
        float[] wx = tile.weightsX();
        float[] wy = tile.weightsY();
        // The tile's rows and columns inside the region, in tile coordinates.
        int fromX = (int) Math.max(0, region.x0() - tile.x0());
        int toX = (int) Math.min(tw, region.x0() + region.width() - tile.x0());
        int fromY = (int) Math.max(0, region.y0() - tile.y0());
        int toY = (int) Math.min(th, region.y0() + region.height() - tile.y0());
        int rw = region.width();
        for (int y = fromY; y < toY; y++) {
            int row = (int) ((tile.y0() + y - region.y0()) * rw + tile.x0() - region.x0());
            int in = y * tw;
            float ry = wy[y];
            for (int x = fromX; x < toX; x++) {
                sum[row + x] += wx[x] * ry * tileOutput[in + x];
            }
        }
    }

    /** The blended region: divides in place and returns the internal array; NaN where no weight fell. */
    float[] result() {
        if (!finished) {
            finished = true;
            int rw = region.width();
            for (int y = 0; y < region.height(); y++) {
                int row = y * rw;
                float ry = rowWeights[(int) region.y0() + y];
                for (int x = 0; x < rw; x++) {
                    float w = columnWeights[(int) region.x0() + x] * ry;
                    sum[row + x] = w > 0 ? sum[row + x] / w : Float.NaN;
                }
            }
        }
        return sum;
    }

    /** For tests: the total weight of each pixel, as {@link TileBlender#weightSum()} gives it. */
    float[] weightSum() {
        float[] w = new float[sum.length];
        int rw = region.width();
        for (int i = 0; i < w.length; i++) {
            w[i] = columnWeights[(int) region.x0() + i % rw] * rowWeights[(int) region.y0() + i / rw];
        }
        return w;
    }
}
