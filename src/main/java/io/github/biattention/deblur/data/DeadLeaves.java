package io.github.biattention.deblur.data;

import java.util.SplittableRandom;

/**
 * Dead-leaves images: disks, ellipses and rotated rectangles with a power-law size distribution
 * (density ∝ r⁻³, which makes the model scale-invariant like natural images), random grey levels
 * and occasional gradients or fine stripes inside, painted back to front so later shapes occlude
 * earlier ones. Edges are anti-aliased.
 */
final class DeadLeaves {
    private static final double SIZE_EXPONENT = 3;

    private DeadLeaves() {
    }

    static float[] render(SplittableRandom rng, int size) {
        float[] img = new float[size * size];
        java.util.Arrays.fill(img, (float) rng.nextDouble());
        double rMin = Rand.logUniform(rng, 1.5, 8.0);
        double rMax = Math.max(rMin * 1.5, size * Rand.uniform(rng, 0.3, 0.8));
        // Enough shapes to cover the canvas a few times over on average (E[r²] of the power law).
        double meanR2 = 2 * rMin * rMin * Math.log(rMax / rMin) / (1 - (rMin * rMin) / (rMax * rMax));
        double coverage = Rand.uniform(rng, 1.0, 2.5);
        int count = (int) Math.min(20000, coverage * size * size / (Math.PI * meanR2));
        for (int n = 0; n < count; n++) {
            paintShape(rng, img, size, Rand.powerLaw(rng, rMin, rMax, SIZE_EXPONENT));
        }
        return img;
    }

    private static void paintShape(SplittableRandom rng, float[] img, int size, double r) {
        // Centres may lie a little outside so that borders are not under-covered.
        double cx = Rand.uniform(rng, -r, size + r);
        double cy = Rand.uniform(rng, -r, size + r);
        double kind = rng.nextDouble();
        boolean rect = kind < 0.3;
        double a = r;
        double b = kind < 0.4 ? r : r * Rand.uniform(rng, 0.3, 1.0); // disks, else ellipses/rects
        double theta = Math.PI * rng.nextDouble();
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);

        double grey = rng.nextDouble();
        double shade = rng.nextDouble();
        double gx = 0;
        double gy = 0;
        double stripeAmp = 0;
        double kx = 0;
        double ky = 0;
        double phase = 0;
        if (shade < 0.25) { // linear gradient across the shape
            double slope = Rand.uniform(rng, 0.05, 0.4) / Math.max(r, 1);
            double dir = 2 * Math.PI * rng.nextDouble();
            gx = slope * Math.cos(dir);
            gy = slope * Math.sin(dir);
        } else if (shade < 0.35) { // fine stripes: texture with some high-frequency content
            stripeAmp = Rand.uniform(rng, 0.03, 0.15);
            double period = Rand.uniform(rng, 2.5, 12);
            double dir = Math.PI * rng.nextDouble();
            kx = 2 * Math.PI / period * Math.cos(dir);
            ky = 2 * Math.PI / period * Math.sin(dir);
            phase = 2 * Math.PI * rng.nextDouble();
        }

        double reach = Math.max(a, b) * (rect ? Math.sqrt(2) : 1) + 1;
        int xa = Math.max(0, (int) Math.floor(cx - reach));
        int xb = Math.min(size - 1, (int) Math.ceil(cx + reach));
        int ya = Math.max(0, (int) Math.floor(cy - reach));
        int yb = Math.min(size - 1, (int) Math.ceil(cy + reach));
        for (int y = ya; y <= yb; y++) {
            double dy = y - cy;
            for (int x = xa; x <= xb; x++) {
                double dx = x - cx;
                double u = cos * dx + sin * dy;
                double v = -sin * dx + cos * dy;
                double d = rect ? Math.max(Math.abs(u) - a, Math.abs(v) - b) : ellipseDistance(u, v, a, b);
                double alpha = 0.5 - d;
                if (alpha <= 0) {
                    continue;
                }
                alpha = Math.min(1, alpha);
                double value = grey + gx * dx + gy * dy;
                if (stripeAmp != 0) {
                    value += stripeAmp * Math.sin(kx * x + ky * y + phase);
                }
                int i = y * size + x;
                img[i] = (float) (img[i] * (1 - alpha) + value * alpha);
            }
        }
    }

    /** First-order signed distance to the ellipse boundary: (f - 1) / |∇f| with f = |(u/a, v/b)|. */
    private static double ellipseDistance(double u, double v, double a, double b) {
        double ua = u / a;
        double vb = v / b;
        double f = Math.sqrt(ua * ua + vb * vb);
        if (f == 0) {
            return -Math.min(a, b);
        }
        double grad = Math.sqrt(ua * ua / (a * a) + vb * vb / (b * b)) / f;
        return (f - 1) / grad;
    }
}
