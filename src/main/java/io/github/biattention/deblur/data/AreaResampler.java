package io.github.biattention.deblur.data;

/**
 * Downscales a region by a real factor ≥ 1 with area averaging (each output pixel is the mean of
 * the source area it covers), which avoids aliasing, unlike point sampling.
 */
final class AreaResampler {
    private AreaResampler() {
    }

    /**
     * @param src    row-major source of the given width, tall enough for the region
     * @param x0     left of the region in source pixels
     * @param y0     top of the region
     * @param factor source pixels per output pixel, ≥ 1; the region is {@code size * factor} wide
     * @param size   output side length
     * @return {@code size * size} values
     */
    static float[] resample(float[] src, int width, int x0, int y0, double factor, int size) {
        Axis ax = new Axis(x0, factor, size);
        Axis ay = new Axis(y0, factor, size);
        // Horizontal pass over the source rows the region touches, then vertical.
        int rows = ay.last - ay.first + 1;
        float[] tmp = new float[rows * size];
        for (int r = 0; r < rows; r++) {
            int rowStart = (ay.first + r) * width;
            for (int i = 0; i < size; i++) {
                double acc = 0;
                for (int k = 0; k < ax.count[i]; k++) {
                    acc += ax.weight[i][k] * src[rowStart + ax.start[i] + k];
                }
                tmp[r * size + i] = (float) acc;
            }
        }
        float[] out = new float[size * size];
        for (int j = 0; j < size; j++) {
            for (int k = 0; k < ay.count[j]; k++) {
                double w = ay.weight[j][k];
                int row = (ay.start[j] + k - ay.first) * size;
                for (int i = 0; i < size; i++) {
                    out[j * size + i] += (float) (w * tmp[row + i]);
                }
            }
        }
        return out;
    }

    /** Per output index: the source pixels its interval overlaps and the normalised overlaps. */
    private static final class Axis {
        final int[] start;
        final int[] count;
        final double[][] weight;
        final int first;
        final int last;

        Axis(int origin, double factor, int size) {
            start = new int[size];
            count = new int[size];
            weight = new double[size][];
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (int i = 0; i < size; i++) {
                double a = origin + i * factor;
                double b = origin + (i + 1) * factor;
                int s = (int) Math.floor(a);
                int e = (int) Math.ceil(b) - 1;
                double[] w = new double[e - s + 1];
                int used = 0;
                for (int p = s; p <= e; p++) {
                    double overlap = Math.min(b, p + 1) - Math.max(a, p);
                    // Overlaps within rounding error of 0 are dropped so no pixel past the region is read.
                    w[p - s] = overlap > 1e-9 ? overlap / factor : 0;
                    if (w[p - s] > 0) {
                        used = p - s + 1;
                    }
                }
                start[i] = s;
                count[i] = used; // trailing zero-overlap pixel (when b is an integer) is dropped
                weight[i] = w;
                lo = Math.min(lo, s);
                hi = Math.max(hi, s + Math.max(used, 1) - 1);
            }
            first = lo;
            last = hi;
        }
    }
}
