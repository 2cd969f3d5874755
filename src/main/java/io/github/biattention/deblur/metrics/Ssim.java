package io.github.biattention.deblur.metrics;

/**
 * Mean structural similarity, as scikit-image's {@code structural_similarity} with its defaults: a 7x7 uniform
 * window, K1 = 0.01, K2 = 0.03, sample covariance (N/(N-1)), and the mean taken over the pixels at least 3 pixels
 * from the border (where the window lies inside the image, so the filter's border mode does not matter).
 * Agreement with scikit-image 0.19 to 0.001 is checked by {@code MetricsReferenceTest} against the numbers printed by
 * {@code tools/metrics_reference.py}.
 */
public final class Ssim {

    private static final int WINDOW = 7;
    private static final int HALF = WINDOW / 2;
    private static final double K1 = 0.01;
    private static final double K2 = 0.03;

    private Ssim() {}

    /**
     * @param reference the true image, row-major, {@code width * height}
     * @param test the image to score, same size
     * @param dataRange the intensity range
     * @return the mean SSIM (1 for identical images)
     * @throws IllegalArgumentException if a side is shorter than 7 pixels or sizes differ
     */
    public static double compute(float[] reference, float[] test, int width, int height, double dataRange) {
        if (width < WINDOW || height < WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least 7x7 pixels, got " + width + "x" + height);
        }
        if (reference.length != (long) width * height || test.length != reference.length) {
            throw new IllegalArgumentException("image sizes do not match " + width + "x" + height);
        }
        // Box sums of x, y, x^2, y^2, xy over each 7x7 window via summed-area tables.
        double[][] tables = {
            table(width, height, i -> reference[i]),
            table(width, height, i -> test[i]),
            table(width, height, i -> (double) reference[i] * reference[i]),
            table(width, height, i -> (double) test[i] * test[i]),
            table(width, height, i -> (double) reference[i] * test[i])
        };
        double n = WINDOW * WINDOW;
        double covNorm = n / (n - 1);
        double c1 = (K1 * dataRange) * (K1 * dataRange);
        double c2 = (K2 * dataRange) * (K2 * dataRange);
        double total = 0;
        long count = 0;
        for (int y = HALF; y < height - HALF; y++) {
            for (int x = HALF; x < width - HALF; x++) {
                double ux = box(tables[0], width, x, y) / n;
                double uy = box(tables[1], width, x, y) / n;
                double vx = covNorm * (box(tables[2], width, x, y) / n - ux * ux);
                double vy = covNorm * (box(tables[3], width, x, y) / n - uy * uy);
                double vxy = covNorm * (box(tables[4], width, x, y) / n - ux * uy);
                total += ((2 * ux * uy + c1) * (2 * vxy + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
                count++;
            }
        }
        return total / count;
    }

    /**
     * Several channels (e.g. R, G, B), as scikit-image's {@code structural_similarity(..., channel_axis=-1)}: the
     * mean of the channels' mean SSIMs.
     *
     * @param reference the channels of the true image, each {@code width * height}, row-major
     * @param test the channels of the image to score, same count and size
     */
    public static double compute(float[][] reference, float[][] test, int width, int height, double dataRange) {
        if (reference.length != test.length || reference.length == 0) {
            throw new IllegalArgumentException("images must have the same, non-zero number of channels");
        }
        double sum = 0;
        for (int c = 0; c < reference.length; c++) {
            sum += compute(reference[c], test[c], width, height, dataRange);
        }
        return sum / reference.length;
    }

    private interface Pixel {
        double at(int index);
    }

    /** Summed-area table with a zero first row and column: t[(y+1)*(w+1)+(x+1)] = sum over [0..x]x[0..y]. */
    private static double[] table(int width, int height, Pixel pixel) {
        int stride = width + 1;
        double[] t = new double[stride * (height + 1)];
        for (int y = 0; y < height; y++) {
            double row = 0;
            for (int x = 0; x < width; x++) {
                row += pixel.at(y * width + x);
                t[(y + 1) * stride + x + 1] = t[y * stride + x + 1] + row;
            }
        }
        return t;
    }

    private static double box(double[] t, int width, int cx, int cy) {
        int stride = width + 1;
        int x0 = cx - HALF;
        int y0 = cy - HALF;
        int x1 = cx + HALF + 1;
        int y1 = cy + HALF + 1;
        return t[y1 * stride + x1] - t[y0 * stride + x1] - t[y1 * stride + x0] + t[y0 * stride + x0];
    }
}
