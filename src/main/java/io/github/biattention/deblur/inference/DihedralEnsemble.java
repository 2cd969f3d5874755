package io.github.biattention.deblur.inference;

/**
 * A tile through the network eight times, once in each flip and 90° rotation (the dihedral group of the square),
 * each output turned back and the eight averaged. The network was trained on all eight orientations, so each pass is
 * an equally good estimate and their mean has less of the noise the network did not remove: slightly better images
 * for eight times the time.
 */
final class DihedralEnsemble implements TiledPredictor.TileForward {

    /** Orientations: bit 0 flips x, bit 1 flips y, bit 2 transposes (after the flips). */
    static final int ORIENTATIONS = 8;

    private final TiledPredictor.TileForward network;

    DihedralEnsemble(TiledPredictor.TileForward network) {
        this.network = network;
    }

    @Override
    public float[] forward(float[] pixels, int width, int height) {
        float[] sum = new float[width * height];
        for (int t = 0; t < ORIENTATIONS; t++) {
            boolean transposed = (t & 4) != 0;
            int w = transposed ? height : width;
            int h = transposed ? width : height;
            float[] out = network.forward(orient(pixels, width, height, t), w, h);
            float[] back = unorient(out, width, height, t);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += back[i];
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= ORIENTATIONS;
        }
        return sum;
    }

    /**
     * The {@code width x height} plane in orientation {@code t}: flipped in x and/or y, then transposed (the result is
     * then {@code height x width}).
     */
    static float[] orient(float[] src, int width, int height, int t) {
        float[] out = new float[src.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[orientedIndex(x, y, width, height, t)] = src[y * width + x];
            }
        }
        return out;
    }

    /** The inverse of {@link #orient}: a plane in orientation {@code t} back to the original {@code width x height}. */
    static float[] unorient(float[] oriented, int width, int height, int t) {
        float[] out = new float[oriented.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + x] = oriented[orientedIndex(x, y, width, height, t)];
            }
        }
        return out;
    }

    /** Where pixel (x, y) of a {@code width x height} plane lands in orientation {@code t}. */
    private static int orientedIndex(int x, int y, int width, int height, int t) {
        int fx = (t & 1) != 0 ? width - 1 - x : x;
        int fy = (t & 2) != 0 ? height - 1 - y : y;
        // Transposed, the flipped pixel (fx, fy) goes to (fy, fx) of a height x width plane.
        return (t & 4) != 0 ? fx * height + fy : fy * width + fx;
    }
}
