package io.github.biattention.deblur.data;

import java.util.SplittableRandom;

/**
 * Fluorescence specimens as a widefield microscope would see them in focus: linear intensities (photon flux) of
 * filaments and networks (cytoskeleton), puncta and vesicles, membranes (cell outlines), nuclei with chromatin
 * texture and diffuse cytoplasm, each present with some probability at random density and brightness, over a dark
 * background. The brightest structure lands near 1, so that a photon count "at 1" is the peak signal.
 *
 * <p>Unlike {@link ProceduralImages}, which feeds photographs-like training, nothing here is tone-mapped: the values
 * are what the optics will blur. Stateless; every choice comes from the generator passed in.
 */
public final class MicroscopyScenes implements SharpSource {

    @Override
    public Plane crop(SplittableRandom rng, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("crop size must be positive, got " + size);
        }
        return new Plane(size, size, render(rng, size));
    }

    static float[] render(SplittableRandom rng, int size) {
        double area = (size / 128.0) * (size / 128.0); // densities are tuned per 128×128 pixels
        float[] img = new float[size * size];
        boolean[] present = new boolean[5];
        int count = 0;
        for (int t = 0; t < present.length; t++) {
            present[t] = rng.nextDouble() < 0.4;
            count += present[t] ? 1 : 0;
        }
        if (count == 0) {
            present[rng.nextInt(present.length)] = true;
        }
        if (present[0]) {
            cytoplasm(rng, img, size, area);
        }
        if (present[1]) {
            nuclei(rng, img, size, area);
        }
        if (present[2]) {
            membranes(rng, img, size, area);
        }
        if (present[3]) {
            filaments(rng, img, size, area);
        }
        if (present[4]) {
            puncta(rng, img, size, area);
        }
        float max = 0;
        for (float v : img) {
            max = Math.max(max, v);
        }
        // Dim specimens exist too: the brightest structure between 0.3 and 1 of the photon scale.
        double gain = max > 0 ? Rand.uniform(rng, 0.3, 1.0) / max : 0;
        double background = Rand.logUniform(rng, 0.002, 0.05);
        float[] autofluorescence = Draw.smoothField(rng, size, 3, background * 0.5);
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) Math.max(0, background + autofluorescence[i] + gain * img[i]);
        }
        return img;
    }

    /** Large faint glows. */
    private static void cytoplasm(SplittableRandom rng, float[] img, int size, double area) {
        int n = 1 + (int) (rng.nextInt(4) * area);
        double level = Rand.uniform(rng, 0.05, 0.3);
        for (int i = 0; i < n; i++) {
            double s = Rand.uniform(rng, 12, 40);
            Draw.gaussianBlob(img, size, Rand.uniform(rng, 0, size), Rand.uniform(rng, 0, size), s,
                    s * Rand.uniform(rng, 0.5, 1), Math.PI * rng.nextDouble(), level * Rand.uniform(rng, 0.5, 1));
        }
    }

    /** Filled ellipses with a soft edge and a chromatin texture (a fine random field). */
    private static void nuclei(SplittableRandom rng, float[] img, int size, double area) {
        int n = 1 + (int) Math.round(Rand.uniform(rng, 0, 4) * area);
        double level = Rand.uniform(rng, 0.3, 1);
        for (int k = 0; k < n; k++) {
            double cx = Rand.uniform(rng, 0, size);
            double cy = Rand.uniform(rng, 0, size);
            double a = Rand.uniform(rng, 10, 28);
            double b = a * Rand.uniform(rng, 0.6, 1);
            double theta = Math.PI * rng.nextDouble();
            float[] texture = Draw.smoothField(rng, size, Math.max(2, size / 6), 1);
            double contrast = Rand.uniform(rng, 0.2, 0.8);
            double c = Math.cos(theta);
            double s = Math.sin(theta);
            int x0 = Math.max(0, (int) (cx - a - 2));
            int x1 = Math.min(size - 1, (int) (cx + a + 2));
            int y0 = Math.max(0, (int) (cy - a - 2));
            int y1 = Math.min(size - 1, (int) (cy + a + 2));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    double u = (c * (x - cx) + s * (y - cy)) / a;
                    double v = (-s * (x - cx) + c * (y - cy)) / b;
                    double r = Math.sqrt(u * u + v * v);
                    double inside = Draw.clamp01((1 - r) * Math.min(a, b) + 0.5); // one-pixel soft edge
                    if (inside > 0) {
                        int i = y * size + x;
                        img[i] += (float) (level * inside * (1 - contrast + contrast * Draw.clamp01(0.5 + 0.5 * texture[i])));
                    }
                }
            }
        }
    }

    /** Closed, wobbly cell outlines drawn as thin bright lines. */
    private static void membranes(SplittableRandom rng, float[] img, int size, double area) {
        int n = 1 + (int) Math.round(Rand.uniform(rng, 0, 3) * area);
        double width = Rand.uniform(rng, 0.8, 2);
        double level = Rand.uniform(rng, 0.3, 1);
        float[] layer = new float[img.length];
        for (int k = 0; k < n; k++) {
            double cx = Rand.uniform(rng, -0.1 * size, 1.1 * size);
            double cy = Rand.uniform(rng, -0.1 * size, 1.1 * size);
            double radius = Rand.uniform(rng, 20, 70);
            double[] wobble = new double[4];
            double[] phase = new double[4];
            for (int h = 0; h < wobble.length; h++) {
                wobble[h] = Rand.gaussian(rng) * 0.12 / (h + 1);
                phase[h] = 2 * Math.PI * rng.nextDouble();
            }
            int steps = (int) Math.max(24, 2 * Math.PI * radius / 1.5);
            double px = 0;
            double py = 0;
            for (int t = 0; t <= steps; t++) {
                double angle = 2 * Math.PI * t / steps;
                double r = radius;
                for (int h = 0; h < wobble.length; h++) {
                    r += radius * wobble[h] * Math.sin((h + 2) * angle + phase[h]);
                }
                double x = cx + r * Math.cos(angle);
                double y = cy + r * Math.sin(angle);
                if (t > 0) {
                    Draw.segmentMax(layer, size, px, py, x, y, width, level * Rand.uniform(rng, 0.7, 1));
                }
                px = x;
                py = y;
            }
        }
        add(img, layer);
    }

    /** Smooth curves, from a few bundles to a dense network. */
    private static void filaments(SplittableRandom rng, float[] img, int size, double area) {
        float[] layer = new float[img.length];
        int n = (int) Math.ceil(Rand.logUniform(rng, 2, 60) * Math.sqrt(area));
        double width = Rand.uniform(rng, 0.7, 2.5);
        for (int i = 0; i < n; i++) {
            double step = 1.5;
            double x = Rand.uniform(rng, -0.1 * size, 1.1 * size);
            double y = Rand.uniform(rng, -0.1 * size, 1.1 * size);
            double heading = 2 * Math.PI * rng.nextDouble();
            double curvature = Rand.gaussian(rng) * 0.03;
            double stiffness = Rand.logUniform(rng, 0.001, 0.01);
            double value = Rand.uniform(rng, 0.2, 1);
            double w = width * Rand.uniform(rng, 0.8, 1.2);
            int steps = (int) (Rand.uniform(rng, 0.3, 2.0) * size / step);
            for (int s = 0; s < steps; s++) {
                curvature = 0.97 * curvature + stiffness * Rand.gaussian(rng);
                heading += curvature * step;
                double nx = x + step * Math.cos(heading);
                double ny = y + step * Math.sin(heading);
                Draw.segmentMax(layer, size, x, y, nx, ny, w, value);
                x = nx;
                y = ny;
            }
        }
        add(img, layer);
    }

    /** Diffraction-sized spots and slightly larger vesicles, clustered or spread. */
    private static void puncta(SplittableRandom rng, float[] img, int size, double area) {
        int n = (int) Math.ceil(Rand.logUniform(rng, 5, 300) * area);
        boolean clustered = rng.nextBoolean();
        double cx = Rand.uniform(rng, 0, size);
        double cy = Rand.uniform(rng, 0, size);
        double spread = Rand.uniform(rng, 10, 40);
        for (int i = 0; i < n; i++) {
            double s = Rand.powerLaw(rng, 0.5, 3, 2);
            double x = clustered ? cx + spread * Rand.gaussian(rng) : Rand.uniform(rng, 0, size);
            double y = clustered ? cy + spread * Rand.gaussian(rng) : Rand.uniform(rng, 0, size);
            Draw.gaussianBlob(img, size, x, y, s, s * Rand.uniform(rng, 0.7, 1), Math.PI * rng.nextDouble(),
                    Rand.logUniform(rng, 0.1, 1));
        }
    }

    private static void add(float[] img, float[] layer) {
        for (int i = 0; i < img.length; i++) {
            img[i] += layer[i];
        }
    }
}
