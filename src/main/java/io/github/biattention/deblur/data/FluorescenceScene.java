package io.github.biattention.deblur.data;

import java.util.SplittableRandom;

/**
 * Fluorescence-microscopy-like images: a dark, slowly varying background, faint large glows
 * (cytoplasm), mid-sized elongated blobs (nuclei, vesicles), small puncta and thin curved
 * filaments (cytoskeleton) drawn as anti-aliased lines 1–3 px wide. Brightness is scaled so the
 * brightest structure lands between 0.6 and 1.1, and a few bright spots may saturate.
 */
final class FluorescenceScene {
    private FluorescenceScene() {
    }

    static float[] render(SplittableRandom rng, int size) {
        double scale = size / 160.0; // counts are tuned for 160×160 and scale with area
        float[] img = Draw.smoothField(rng, size, 3, Rand.uniform(rng, 0.0, 0.02));
        double background = Rand.uniform(rng, 0.0, 0.08);

        // Each structure type is present with some probability; at least one always is.
        boolean glow = rng.nextDouble() < 0.5;
        boolean blobs = rng.nextDouble() < 0.5;
        boolean puncta = rng.nextDouble() < 0.6;
        boolean filaments = rng.nextDouble() < 0.6;
        if (!(blobs || puncta || filaments)) {
            int pick = rng.nextInt(3);
            blobs = pick == 0;
            puncta = pick == 1;
            filaments = pick == 2;
        }
        if (glow) {
            int n = 1 + rng.nextInt(4);
            for (int i = 0; i < n; i++) {
                double s = Rand.uniform(rng, 10, 35) * scale;
                Draw.gaussianBlob(img, size, Rand.uniform(rng, 0, size), Rand.uniform(rng, 0, size),
                        s, s * Rand.uniform(rng, 0.5, 1), Math.PI * rng.nextDouble(), Rand.uniform(rng, 0.05, 0.25));
            }
        }
        if (blobs) {
            int n = (int) Math.ceil(Rand.uniform(rng, 1, 12) * scale * scale);
            for (int i = 0; i < n; i++) {
                double s = Rand.powerLaw(rng, 2.5, 12, 2);
                Draw.gaussianBlob(img, size, Rand.uniform(rng, 0, size), Rand.uniform(rng, 0, size),
                        s, s * Rand.uniform(rng, 0.4, 1), Math.PI * rng.nextDouble(), Rand.uniform(rng, 0.15, 0.8));
            }
        }
        if (puncta) {
            int n = (int) Math.ceil(Rand.uniform(rng, 5, 200) * scale * scale);
            for (int i = 0; i < n; i++) {
                double s = Rand.powerLaw(rng, 0.6, 2.5, 2);
                Draw.gaussianBlob(img, size, Rand.uniform(rng, 0, size), Rand.uniform(rng, 0, size),
                        s, s * Rand.uniform(rng, 0.7, 1), Math.PI * rng.nextDouble(), Rand.logUniform(rng, 0.1, 1.0));
            }
        }
        if (filaments) {
            float[] layer = new float[size * size];
            int n = (int) Math.ceil(Rand.uniform(rng, 2, 40) * scale);
            double width = Rand.uniform(rng, 1, 3); // one imaging setup: similar widths
            for (int i = 0; i < n; i++) {
                filament(rng, layer, size, width * Rand.uniform(rng, 0.8, 1.2), Rand.uniform(rng, 0.2, 1.0));
            }
            for (int i = 0; i < img.length; i++) {
                img[i] += layer[i];
            }
        }

        float max = 0;
        for (int i = 0; i < img.length; i++) {
            max = Math.max(max, img[i]);
        }
        double gain = max > 0 ? Rand.uniform(rng, 0.6, 1.1) / max : 0;
        for (int i = 0; i < img.length; i++) {
            img[i] = Draw.clamp01(background + gain * img[i]);
        }
        return img;
    }

    /** A smooth random curve: constant speed, curvature doing a damped random walk. */
    private static void filament(SplittableRandom rng, float[] layer, int size, double width, double value) {
        double step = 1.5;
        double x = Rand.uniform(rng, -0.1 * size, 1.1 * size);
        double y = Rand.uniform(rng, -0.1 * size, 1.1 * size);
        double heading = 2 * Math.PI * rng.nextDouble();
        double curvature = Rand.gaussian(rng) * 0.03;
        double stiffness = Rand.logUniform(rng, 0.001, 0.01);
        int steps = (int) (Rand.uniform(rng, 0.3, 2.0) * size / step);
        for (int s = 0; s < steps; s++) {
            curvature = 0.97 * curvature + stiffness * Rand.gaussian(rng);
            heading += curvature * step;
            double nx = x + step * Math.cos(heading);
            double ny = y + step * Math.sin(heading);
            Draw.segmentMax(layer, size, x, y, nx, ny, width, value); // clips to the canvas itself
            x = nx;
            y = ny;
        }
    }
}
