package io.github.biattention.deblur.data;

import java.util.Arrays;

/**
 * A single-channel image of {@code width × height} floats, row-major (index {@code y * width + x}).
 *
 * <p>The constructor takes ownership of the array and {@link #pixels()} hands back that same
 * array without copying, because planes are passed around per training sample and copying would
 * be wasted work. Treat the array as read-only once it is inside a plane.
 */
public final class Plane {
    private final int width;
    private final int height;
    private final float[] pixels;

    /**
     * @param width  at least 1
     * @param height at least 1
     * @param pixels exactly {@code width * height} values, row-major; not copied
     */
    public Plane(int width, int height, float[] pixels) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("plane size must be positive: " + width + "x" + height);
        }
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException(
                    "expected " + (long) width * height + " pixels for " + width + "x" + height + ", got " + pixels.length);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** A {@code width × height} plane filled with 0. */
    public static Plane zeros(int width, int height) {
        return new Plane(width, height, new float[Math.multiplyExact(width, height)]);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing array (not a copy), row-major, length {@code width * height}. */
    public float[] pixels() {
        return pixels;
    }

    /** The value at column {@code x}, row {@code y}. */
    public float get(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException("(" + x + "," + y + ") outside " + width + "x" + height);
        }
        return pixels[y * width + x];
    }

    /**
     * A copy of the {@code w × h} region whose top-left corner is {@code (x0, y0)}; the region must
     * lie inside this plane.
     */
    public Plane crop(int x0, int y0, int w, int h) {
        if (x0 < 0 || y0 < 0 || w < 1 || h < 1 || x0 + w > width || y0 + h > height) {
            throw new IllegalArgumentException(
                    "crop " + w + "x" + h + " at (" + x0 + "," + y0 + ") does not fit in " + width + "x" + height);
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(pixels, (y0 + y) * width + x0, out, y * w, w);
        }
        return new Plane(w, h, out);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Plane)) {
            return false;
        }
        Plane p = (Plane) o;
        return width == p.width && height == p.height && Arrays.equals(pixels, p.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "Plane[" + width + "x" + height + "]";
    }

    /** A new plane with {@code value} added to every pixel. */
    public Plane plus(double value) {
        float[] out = new float[pixels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (pixels[i] + value);
        }
        return new Plane(width, height, out);
    }

    /** The largest pixel value, or 0 when none is positive (planes here are intensities, kernels and masks). */
    public float max() {
        float max = 0;
        for (float v : pixels) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** A new plane with every pixel multiplied by {@code factor}. */
    public Plane times(double factor) {
        float[] out = new float[pixels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (pixels[i] * factor);
        }
        return new Plane(width, height, out);
    }
}
