package io.github.biattention.deblur.data;

import java.util.SplittableRandom;

/**
 * Anti-aliased drawing primitives on a square row-major {@code float[]} canvas, shared by the
 * procedural generators. Coverage of a primitive is approximated from the signed distance
 * {@code d} of the pixel centre to its edge as {@code clamp(0.5 - d, 0, 1)}: a one-pixel box filter.
 */
final class Draw {
    private Draw() {
    }

    static float clamp01(double v) {
        return v <= 0 ? 0f : v >= 1 ? 1f : (float) v;
    }

    /** Distance from (px, py) to the segment (x0, y0)–(x1, y1). */
    static double segmentDistance(double px, double py, double x0, double y0, double x1, double y1) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len2 = dx * dx + dy * dy;
        double t = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double ex = px - (x0 + t * dx);
        double ey = py - (y0 + t * dy);
        return Math.sqrt(ex * ex + ey * ey); // not Math.hypot: that is several times slower
    }

    /** Paints a line of the given width and value over the canvas (alpha blending). */
    static void segment(float[] img, int size, double x0, double y0, double x1, double y1, double width, double value) {
        double reach = width / 2 + 1;
        int xa = Math.max(0, (int) Math.floor(Math.min(x0, x1) - reach));
        int xb = Math.min(size - 1, (int) Math.ceil(Math.max(x0, x1) + reach));
        int ya = Math.max(0, (int) Math.floor(Math.min(y0, y1) - reach));
        int yb = Math.min(size - 1, (int) Math.ceil(Math.max(y0, y1) + reach));
        for (int y = ya; y <= yb; y++) {
            for (int x = xa; x <= xb; x++) {
                double a = width / 2 + 0.5 - segmentDistance(x, y, x0, y0, x1, y1);
                if (a > 0) {
                    a = Math.min(1, a);
                    int i = y * size + x;
                    img[i] = (float) (img[i] * (1 - a) + value * a);
                }
            }
        }
    }

    /** Like {@link #segment} but keeps the maximum of the layer and {@code value × coverage}. */
    static void segmentMax(float[] layer, int size, double x0, double y0, double x1, double y1, double width,
                           double value) {
        double reach = width / 2 + 1;
        int xa = Math.max(0, (int) Math.floor(Math.min(x0, x1) - reach));
        int xb = Math.min(size - 1, (int) Math.ceil(Math.max(x0, x1) + reach));
        int ya = Math.max(0, (int) Math.floor(Math.min(y0, y1) - reach));
        int yb = Math.min(size - 1, (int) Math.ceil(Math.max(y0, y1) + reach));
        for (int y = ya; y <= yb; y++) {
            for (int x = xa; x <= xb; x++) {
                double a = width / 2 + 0.5 - segmentDistance(x, y, x0, y0, x1, y1);
                if (a > 0) {
                    int i = y * size + x;
                    layer[i] = Math.max(layer[i], (float) (value * Math.min(1, a)));
                }
            }
        }
    }

    /** Adds an anisotropic Gaussian spot of peak {@code amp}, cut at 3.5σ. */
    static void gaussianBlob(float[] img, int size, double cx, double cy, double sx, double sy, double theta,
                             double amp) {
        double reach = 3.5 * Math.max(sx, sy);
        int xa = Math.max(0, (int) Math.floor(cx - reach));
        int xb = Math.min(size - 1, (int) Math.ceil(cx + reach));
        int ya = Math.max(0, (int) Math.floor(cy - reach));
        int yb = Math.min(size - 1, (int) Math.ceil(cy + reach));
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        double ix = 1 / (2 * sx * sx);
        double iy = 1 / (2 * sy * sy);
        for (int y = ya; y <= yb; y++) {
            double dy = y - cy;
            for (int x = xa; x <= xb; x++) {
                double dx = x - cx;
                double u = c * dx + s * dy;
                double v = -s * dx + c * dy;
                img[y * size + x] += (float) (amp * Math.exp(-(u * u * ix + v * v * iy)));
            }
        }
    }

    /**
     * A smooth random field with zero mean and standard deviation about {@code amplitude}: Gaussian
     * values on a coarse {@code cells × cells} lattice, interpolated with smoothstep weights.
     */
    static float[] smoothField(SplittableRandom rng, int size, int cells, double amplitude) {
        int n = cells + 1;
        double[] g = new double[n * n];
        for (int i = 0; i < g.length; i++) {
            g[i] = amplitude * Rand.gaussian(rng);
        }
        float[] out = new float[size * size];
        double scale = (double) cells / Math.max(1, size - 1);
        for (int y = 0; y < size; y++) {
            double fy = y * scale;
            int gy = Math.min(cells - 1, (int) fy);
            double ty = smooth(fy - gy);
            for (int x = 0; x < size; x++) {
                double fx = x * scale;
                int gx = Math.min(cells - 1, (int) fx);
                double tx = smooth(fx - gx);
                double top = g[gy * n + gx] * (1 - tx) + g[gy * n + gx + 1] * tx;
                double bottom = g[(gy + 1) * n + gx] * (1 - tx) + g[(gy + 1) * n + gx + 1] * tx;
                out[y * size + x] = (float) (top * (1 - ty) + bottom * ty);
            }
        }
        return out;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }
}
