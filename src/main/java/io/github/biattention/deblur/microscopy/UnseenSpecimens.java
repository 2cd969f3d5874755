package io.github.biattention.deblur.microscopy;

import io.github.biattention.deblur.data.Plane;
import io.github.biattention.deblur.data.SharpSource;
import java.util.SplittableRandom;

/**
 * Specimens for evaluation only, made of structures the {@code widefield} model never trained on (its training
 * specimens are {@link io.github.biattention.deblur.data.MicroscopyScenes}' filaments, puncta, membranes, nuclei and
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
        double gain = max > 0 ? uniform(rng, 0.3, 1) / max : 0;
        double background = Math.exp(Math.log(0.002) + (Math.log(0.05) - Math.log(0.002)) * rng.nextDouble());
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) (background + gain * img[i]);
        }
        return new Plane(size, size, img);
    }

    /** Hollow circles, 2–8 px in radius, with a membrane 1–1.5 px thick. */
    private static void rings(SplittableRandom rng, float[] img, int size, double area) {
        int n = (int) Math.ceil(uniform(rng, 5, 40) * area);
        for (int k = 0; k < n; k++) {
            double cx = uniform(rng, 0, size);
            double cy = uniform(rng, 0, size);
            double r = uniform(rng, 2, 8);
            double half = uniform(rng, 0.5, 0.75);
            double level = uniform(rng, 0.3, 1);
            paint(img, size, cx, cy, r + 2, (x, y) -> {
                double d = Math.abs(Math.hypot(x - cx, y - cy) - r);
                return level * clamp01(half + 0.5 - d);
            });
        }
    }

    /** Straight parallel lines across the field, a few pixels apart. */
    private static void fibres(SplittableRandom rng, float[] img, int size) {
        double angle = Math.PI * rng.nextDouble();
        double nx = -Math.sin(angle);
        double ny = Math.cos(angle);
        int lines = 3 + rng.nextInt(10);
        double spacing = uniform(rng, 3, 8);
        double offset = uniform(rng, 0.2, 0.8) * size;
        double width = uniform(rng, 0.5, 1.2);
        for (int l = 0; l < lines; l++) {
            double level = uniform(rng, 0.3, 1);
            double position = offset + (l - lines / 2.0) * spacing + uniform(rng, -1, 1);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double d = Math.abs(x * nx + y * ny - position);
                    if (d < width + 1) {
                        img[y * size + x] += (float) (level * clamp01(width + 0.5 - d));
                    }
                }
            }
        }
    }

    /** Short thick capsules (segments with rounded ends), 3–5 px wide, 6–25 px long. */
    private static void tubules(SplittableRandom rng, float[] img, int size, double area) {
        int n = (int) Math.ceil(uniform(rng, 5, 30) * area);
        for (int k = 0; k < n; k++) {
            double cx = uniform(rng, 0, size);
            double cy = uniform(rng, 0, size);
            double length = uniform(rng, 6, 25);
            double radius = uniform(rng, 1.5, 2.5);
            double angle = Math.PI * rng.nextDouble();
            double dx = Math.cos(angle) * length / 2;
            double dy = Math.sin(angle) * length / 2;
            double level = uniform(rng, 0.3, 1);
            paint(img, size, cx, cy, length / 2 + radius + 2, (x, y) -> {
                double d = segmentDistance(x, y, cx - dx, cy - dy, cx + dx, cy + dy);
                return level * clamp01(radius + 0.5 - d);
            });
        }
    }

    /** A gently curving line of regularly spaced, diffraction-sized spots. */
    private static void beads(SplittableRandom rng, float[] img, int size) {
        double x = uniform(rng, 0, size);
        double y = uniform(rng, 0, size);
        double heading = 2 * Math.PI * rng.nextDouble();
        double spacing = uniform(rng, 3, 7);
        int beads = (int) (size * uniform(rng, 0.8, 2) / spacing);
        for (int b = 0; b < beads; b++) {
            heading += 0.08 * gaussian(rng);
            x += spacing * Math.cos(heading);
            y += spacing * Math.sin(heading);
            double bx = x;
            double by = y;
            double sigma = uniform(rng, 0.6, 1.2);
            double level = uniform(rng, 0.3, 1);
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

    private static double segmentDistance(double px, double py, double x0, double y0, double x1, double y1) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double t = Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy)));
        return Math.hypot(px - x0 - t * dx, py - y0 - t * dy);
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
