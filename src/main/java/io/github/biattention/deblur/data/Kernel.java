package io.github.biattention.deblur.data;

import java.util.Arrays;

/**
 * A square blur kernel (point-spread function) of odd size whose non-negative weights sum to 1.
 * Weights are row-major ({@code y * size + x}); the centre pixel is {@code ((size-1)/2, (size-1)/2)}.
 */
public final class Kernel {
    private final int size;
    private final float[] weights;

    private Kernel(int size, float[] weights) {
        this.size = size;
        this.weights = weights;
    }

    /**
     * A kernel with the given weights divided by their sum.
     *
     * @param size odd, at least 1
     * @param w    {@code size * size} finite non-negative values with a positive sum; not modified
     */
    public static Kernel normalized(int size, float[] w) {
        if (size < 1 || size % 2 == 0) {
            throw new IllegalArgumentException("kernel size must be odd and positive, got " + size);
        }
        if (w.length != size * size) {
            throw new IllegalArgumentException("expected " + size * size + " weights, got " + w.length);
        }
        double sum = 0;
        for (float v : w) {
            if (!(v >= 0) || Float.isInfinite(v)) {
                throw new IllegalArgumentException("kernel weights must be finite and non-negative, got " + v);
            }
            sum += v;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("kernel weights sum to zero");
        }
        float[] out = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = (float) (w[i] / sum);
        }
        return new Kernel(size, out);
    }

    /** Side length in pixels, odd. */
    public int size() {
        return size;
    }

    /** A copy of the {@code size * size} row-major weights. */
    public float[] weights() {
        return weights.clone();
    }

    /** Weight at column {@code x}, row {@code y}. */
    public float get(int x, int y) {
        return weights[y * size + x];
    }

    /** The weights as a {@link Plane} (a copy), e.g. for display. */
    public Plane toPlane() {
        return new Plane(size, size, weights.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Kernel && ((Kernel) o).size == size && Arrays.equals(((Kernel) o).weights, weights);
    }

    @Override
    public int hashCode() {
        return 31 * size + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "Kernel[" + size + "x" + size + "]";
    }
}
