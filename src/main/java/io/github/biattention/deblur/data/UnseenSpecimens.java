package io.github.biattention.deblur.data;

import java.util.SplittableRandom;

/**
 * Specimens for evaluation only, made of structures the {@code widefield} model never trained on (its training
 * specimens are {@link MicroscopyScenes}' filaments, puncta, membranes, nuclei and
 * cytoplasm): hollow vesicles (rings), bundles of straight parallel fibres (stress fibres), mitochondria-like
 * tubules (short, thick, rounded) and beaded chains (puncta along a dendrite). One to three kinds per image, over a
 * dark background; the brightest structure between 0.3 and 1, like the training specimens.
 */
public final class UnseenSpecimens implements SharpSource {

    @Override
    public Plane crop(SplittableRandom rng, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("crop size must be positive, got " + size);
        }
        float[] img = new float[size * size];
        double area = (size / 128.0) * (size / 128.0);
        boolean[] present = new boolean[4];
        int count = 0;
        for (int t = 0; t < present.length; t++) {
            present[t] = rng.nextDouble() < 0.45;
            count += present[t] ? 1 : 0;
        }
        if (count == 0) {
            present[rng.nextInt(present.length)] = true;
        }
        if (present[0]) {
            rings(rng, img, size, area);
        }
        if (present[1]) {
            fibres(rng, img, size);
        }
        if (present[2]) {
            tubules(rng, img, size, area);
        }
        if (present[3]) {
            beads(rng, img, size);
        }
        float max = 0;
        for (float v : img) {
            max = Math.max(max, v);
        }
        double gain = max > 0 ? Rand.uniform(rng, 0.3, 1) / max : 0;
        double background = Rand.logUniform(rng, 0.002, 0.05);
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) (background + gain * img[i]);
        }
        return new Plane(size, size, img);
    }

    /** Hollow circles, 2–8 px in radius, with a membrane 1–1.5 px thick. */
    private static void rings(SplittableRandom rng, float[] img, int size, double area) {
        int n = (int) Math.ceil(Rand.uniform(rng, 5, 40) * area);
        for (int k = 0; k < n; k++) {
            double cx = Rand.uniform(rng, 0, size);
            double cy = Rand.uniform(rng, 0, size);
            double r = Rand.uniform(rng, 2, 8);
            double half = Rand.uniform(rng, 0.5, 0.75);
            double level = Rand.uniform(rng, 0.3, 1);
            paint(img, size, cx, cy, r + 2, (x, y) -> {
                double d = Math.abs(Math.hypot(x - cx, y - cy) - r);
                return level * Draw.clamp01(half + 0.5 - d);
            });
        }
    }

    /** Straight parallel lines across the field, a few pixels apart. */
    private static void fibres(SplittableRandom rng, float[] img, int size) {
        double angle = Math.PI * rng.nextDouble();
        double nx = -Math.sin(angle);
        double ny = Math.cos(angle);
        int lines = 3 + rng.nextInt(10);
        double spacing = Rand.uniform(rng, 3, 8);
        double offset = Rand.uniform(rng, 0.2, 0.8) * size;
        double width = Rand.uniform(rng, 0.5, 1.2);
        for (int l = 0; l < lines; l++) {
            double level = Rand.uniform(rng, 0.3, 1);
            double position = offset + (l - lines / 2.0) * spacing + Rand.uniform(rng, -1, 1);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double d = Math.abs(x * nx + y * ny - position);
                    if (d < width + 1) {
                        img[y * size + x] += (float) (level * Draw.clamp01(width + 0.5 - d));
                    }
                }
            }
        }
    }

    /** Short thick capsules (segments with rounded ends), 3–5 px wide, 6–25 px long. */
    private static void tubules(SplittableRandom rng, float[] img, int size, double area) {
        int n = (int) Math.ceil(Rand.uniform(rng, 5, 30) * area);
        for (int k = 0; k < n; k++) {
            double cx = Rand.uniform(rng, 0, size);
            double cy = Rand.uniform(rng, 0, size);
            double length = Rand.uniform(rng, 6, 25);
            double radius = Rand.uniform(rng, 1.5, 2.5);
            double angle = Math.PI * rng.nextDouble();
            double dx = Math.cos(angle) * length / 2;
            double dy = Math.sin(angle) * length / 2;
            double level = Rand.uniform(rng, 0.3, 1);
            paint(img, size, cx, cy, length / 2 + radius + 2, (x, y) -> {
                double d = Draw.segmentDistance(x, y, cx - dx, cy - dy, cx + dx, cy + dy);
                return level * Draw.clamp01(radius + 0.5 - d);
            });
        }
    }

    /** A gently curving line of regularly spaced, diffraction-sized spots. */
    private static void beads(SplittableRandom rng, float[] img, int size) {
        double x = Rand.uniform(rng, 0, size);
        double y = Rand.uniform(rng, 0, size);
        double heading = 2 * Math.PI * rng.nextDouble();
        double spacing = Rand.uniform(rng, 3, 7);
        int beads = (int) (size * Rand.uniform(rng, 0.8, 2) / spacing);
        for (int b = 0; b < beads; b++) {
            heading += 0.08 * Rand.gaussian(rng);
            x += spacing * Math.cos(heading);
            y += spacing * Math.sin(heading);
            double bx = x;
            double by = y;
            double sigma = Rand.uniform(rng, 0.6, 1.2);
            double level = Rand.uniform(rng, 0.3, 1);
            paint(img, size, bx, by, 4 * sigma + 1, (px, py) -> {
                double r2 = (px - bx) * (px - bx) + (py - by) * (py - by);
                return level * Math.exp(-r2 / (2 * sigma * sigma));
            });
        }
    }

    private interface Shape {
        double value(double x, double y);
    }

    /** Adds {@code shape} over the pixels within {@code reach} of (cx, cy). */
    private static void paint(float[] img, int size, double cx, double cy, double reach, Shape shape) {
        int x0 = Math.max(0, (int) Math.floor(cx - reach));
        int x1 = Math.min(size - 1, (int) Math.ceil(cx + reach));
        int y0 = Math.max(0, (int) Math.floor(cy - reach));
        int y1 = Math.min(size - 1, (int) Math.ceil(cy + reach));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                img[y * size + x] += (float) shape.value(x, y);
            }
        }
    }
}
