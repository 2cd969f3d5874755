package io.github.biattention.deblur.data;

import java.util.SplittableRandom;

/**
 * Man-made, edge-rich structure: checkerboard patches, line grids, bars, random line segments and
 * rows of text-like glyphs made of strokes. These give the network straight edges, corners and
 * periodic patterns at many scales and orientations. Everything is anti-aliased.
 */
final class EdgePatterns {
    private EdgePatterns() {
    }

    static float[] render(SplittableRandom rng, int size) {
        float[] img = Draw.smoothField(rng, size, 2, Rand.uniform(rng, 0, 0.06));
        float paper = (float) Rand.uniform(rng, 0.15, 0.85);
        for (int i = 0; i < img.length; i++) {
            img[i] += paper;
        }
        int elements = 2 + rng.nextInt(5);
        for (int e = 0; e < elements; e++) {
            switch (Rand.weighted(rng, new double[] {0.2, 0.15, 0.15, 0.25, 0.25})) {
                case 0:
                    checker(rng, img, size);
                    break;
                case 1:
                    grid(rng, img, size);
                    break;
                case 2:
                    bars(rng, img, size);
                    break;
                case 3:
                    segments(rng, img, size);
                    break;
                default:
                    text(rng, img, size, paper);
                    break;
            }
        }
        return img;
    }

    /** A rotated rectangular region: centre, half sizes and orientation, in canvas pixels. */
    private static final class Region {
        final double cx;
        final double cy;
        final double hw;
        final double hh;
        final double cos;
        final double sin;

        Region(SplittableRandom rng, int size, double minFrac, double maxFrac) {
            cx = Rand.uniform(rng, 0, size);
            cy = Rand.uniform(rng, 0, size);
            hw = size * Rand.uniform(rng, minFrac, maxFrac);
            hh = size * Rand.uniform(rng, minFrac, maxFrac);
            // Man-made structure is often axis-aligned; sometimes it is not.
            double angle = rng.nextDouble() < 0.5 ? 0 : Math.PI * rng.nextDouble();
            cos = Math.cos(angle);
            sin = Math.sin(angle);
        }

        double u(double x, double y) {
            return cos * (x - cx) + sin * (y - cy);
        }

        double v(double x, double y) {
            return -sin * (x - cx) + cos * (y - cy);
        }

        /** Pixel coverage of the region itself (anti-aliased border). */
        double coverage(double u, double v) {
            return Math.min(1, Math.max(0, 0.5 - Math.max(Math.abs(u) - hw, Math.abs(v) - hh)));
        }

        /** Bounding box on a canvas of the given size: {xmin, xmax, ymin, ymax}, inclusive, maybe empty. */
        int[] bounds(int size) {
            double rx = Math.abs(cos) * hw + Math.abs(sin) * hh + 1;
            double ry = Math.abs(sin) * hw + Math.abs(cos) * hh + 1;
            return new int[] {
                Math.max(0, (int) Math.floor(cx - rx)), Math.min(size - 1, (int) Math.ceil(cx + rx)),
                Math.max(0, (int) Math.floor(cy - ry)), Math.min(size - 1, (int) Math.ceil(cy + ry))};
        }

        double canvasX(double u, double v) {
            return cx + cos * u - sin * v;
        }

        double canvasY(double u, double v) {
            return cy + sin * u + cos * v;
        }
    }

    private static void checker(SplittableRandom rng, float[] img, int size) {
        Region r = new Region(rng, size, 0.1, 0.45);
        double cell = Rand.logUniform(rng, 2, 16);
        double a = rng.nextDouble();
        double b = rng.nextDouble();
        double mid = (a + b) / 2;
        double amp = (a - b) / 2;
        int[] box = r.bounds(size);
        for (int y = box[2]; y <= box[3]; y++) {
            for (int x = box[0]; x <= box[1]; x++) {
                double u = r.u(x, y);
                double v = r.v(x, y);
                double alpha = r.coverage(u, v);
                if (alpha > 0) {
                    double value = mid + amp * square(u, cell) * square(v, cell);
                    int i = y * size + x;
                    img[i] = (float) (img[i] * (1 - alpha) + value * alpha);
                }
            }
        }
    }

    /** Box-filtered (one pixel) square wave of half-period {@code cell}, in [-1, 1]. */
    private static double square(double u, double cell) {
        double g = u - 2 * cell * Math.floor(u / (2 * cell)); // in [0, 2·cell)
        double sign = g < cell ? 1 : -1;
        double phase = g < cell ? g : g - cell;
        double edge = Math.min(phase, cell - phase);
        return sign * Math.min(1, 2 * edge);
    }

    private static void grid(SplittableRandom rng, float[] img, int size) {
        Region r = new Region(rng, size, 0.15, 0.6);
        double spacing = Rand.logUniform(rng, 4, 24);
        double width = Rand.uniform(rng, 0.8, Math.min(3, spacing / 2));
        double value = rng.nextDouble();
        int[] box = r.bounds(size);
        for (int y = box[2]; y <= box[3]; y++) {
            for (int x = box[0]; x <= box[1]; x++) {
                double u = r.u(x, y);
                double v = r.v(x, y);
                double region = r.coverage(u, v);
                if (region <= 0) {
                    continue;
                }
                double du = Math.abs(u - spacing * Math.rint(u / spacing));
                double dv = Math.abs(v - spacing * Math.rint(v / spacing));
                double alpha = region * Math.min(1, Math.max(0, width / 2 + 0.5 - Math.min(du, dv)));
                int i = y * size + x;
                img[i] = (float) (img[i] * (1 - alpha) + value * alpha);
            }
        }
    }

    private static void bars(SplittableRandom rng, float[] img, int size) {
        int n = 1 + rng.nextInt(6);
        for (int k = 0; k < n; k++) {
            Region r = new Region(rng, size, 0.02, 0.3);
            double value = rng.nextDouble();
            int[] box = r.bounds(size);
            for (int y = box[2]; y <= box[3]; y++) {
                for (int x = box[0]; x <= box[1]; x++) {
                    double alpha = r.coverage(r.u(x, y), r.v(x, y));
                    if (alpha > 0) {
                        int i = y * size + x;
                        img[i] = (float) (img[i] * (1 - alpha) + value * alpha);
                    }
                }
            }
        }
    }

    private static void segments(SplittableRandom rng, float[] img, int size) {
        int n = 3 + rng.nextInt(28);
        for (int k = 0; k < n; k++) {
            double x0 = Rand.uniform(rng, 0, size);
            double y0 = Rand.uniform(rng, 0, size);
            double len = Rand.powerLaw(rng, 3, 1.5 * size, 1.5);
            double dir = 2 * Math.PI * rng.nextDouble();
            Draw.segment(img, size, x0, y0, x0 + len * Math.cos(dir), y0 + len * Math.sin(dir),
                    Rand.uniform(rng, 0.7, 4), rng.nextDouble());
        }
    }

    /** Rows of glyphs, each 1–4 strokes between points of a 3×4 lattice, like a crude stroke font. */
    private static void text(SplittableRandom rng, float[] img, int size, double paper) {
        Region r = new Region(rng, size, 0.2, 0.6);
        double height = Rand.uniform(rng, 5, 18);
        double stroke = Math.max(0.8, height * Rand.uniform(rng, 0.08, 0.16));
        double contrast = Rand.uniform(rng, 0.3, 0.7);
        double ink = paper > 0.5 ? paper - contrast : paper + contrast;
        double lineGap = height * Rand.uniform(rng, 1.3, 1.8);
        double glyphWidth = height * Rand.uniform(rng, 0.45, 0.7);
        for (double v = -r.hh; v + height <= r.hh; v += lineGap) {
            double u = -r.hw;
            while (u + glyphWidth <= r.hw) {
                if (rng.nextDouble() < 0.15) { // word gap
                    u += glyphWidth;
                    continue;
                }
                int strokes = 1 + rng.nextInt(4);
                for (int s = 0; s < strokes; s++) {
                    int p = rng.nextInt(12);
                    int q = rng.nextInt(11);
                    q = q >= p ? q + 1 : q; // a different lattice point
                    double u0 = u + glyphWidth * (p % 3) / 2.0;
                    double v0 = v + height * (p / 3) / 3.0;
                    double u1 = u + glyphWidth * (q % 3) / 2.0;
                    double v1 = v + height * (q / 3) / 3.0;
                    Draw.segment(img, size, r.canvasX(u0, v0), r.canvasY(u0, v0), r.canvasX(u1, v1), r.canvasY(u1, v1),
                            stroke, ink);
                }
                u += glyphWidth * 1.25;
            }
        }
    }
}
