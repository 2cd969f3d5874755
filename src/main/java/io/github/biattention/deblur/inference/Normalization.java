package io.github.biattention.deblur.inference;

/**
 * An affine intensity mapping {@code low -> 0}, {@code high -> 1} and its inverse,
 * used to bring images into the range a network was trained on and to map its
 * output back.
 *
 * <p>{@code normalize(v) = (v - low) / scale} and
 * {@code denormalize(v) = v * scale + low}, where {@code scale = high - low},
 * except for a (near-)constant range: when
 * {@code high - low <= 1e-6 * max(|low|, |high|)} or
 * {@code high - low < Float.MIN_NORMAL}, {@code scale} is 1, so a constant image
 * maps to 0 instead of dividing by (almost) zero and blowing float rounding
 * noise up into NaN, infinity or huge values. Arithmetic is done in double and
 * rounded to float once; NaN pixels stay NaN.
 *
 * <p>Immutable and thread-safe.
 */
public final class Normalization {

    /** Ranges at or below this fraction of the larger bound's magnitude count as constant. */
    static final double RELATIVE_EPSILON = 1e-6;

    private final double low;
    private final double high;
    private final double scale;
    private final double inverseScale;
    private final boolean degenerate;

    /**
     * @param low  the value mapped to 0; finite
     * @param high the value mapped to 1; finite, {@code >= low}
     * @throws IllegalArgumentException if a bound is not finite or {@code high < low}
     */
    public Normalization(final double low, final double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("bounds must be finite, got low=" + low + ", high=" + high);
        }
        if (high < low) {
            throw new IllegalArgumentException("high must be >= low, got low=" + low + ", high=" + high);
        }
        this.low = low;
        this.high = high;
        final double range = high - low;
        final boolean degenerate = range < Float.MIN_NORMAL
                || range <= RELATIVE_EPSILON * Math.max(Math.abs(low), Math.abs(high));
        this.degenerate = degenerate;
        this.scale = degenerate ? 1 : range;
        this.inverseScale = 1 / scale;
    }

    /** The value mapped to 0. */
    public double low() {
        return low;
    }

    /** The value mapped to 1 (unless the range is degenerate). */
    public double high() {
        return high;
    }

    /** The divisor actually used: {@code high - low}, or 1 for a degenerate range. */
    public double scale() {
        return scale;
    }

    /** Whether the range was treated as constant (scale 1). */
    public boolean isDegenerate() {
        return degenerate;
    }

    /** {@code (v - low) / scale}. */
    public float normalize(final float v) {
        return (float) ((v - low) * inverseScale);
    }

    /** {@code v * scale + low}; the inverse of {@link #normalize(float)} up to rounding. */
    public float denormalize(final float v) {
        return (float) (v * scale + low);
    }

    /**
     * Normalizes every element in place.
     *
     * @throws NullPointerException if {@code data} is null
     */
    public void normalize(final float[] data) {
        final double l = low;
        final double inv = inverseScale;
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) ((data[i] - l) * inv);
        }
    }

    /**
     * Denormalizes every element in place.
     *
     * @throws NullPointerException if {@code data} is null
     */
    public void denormalize(final float[] data) {
        final double l = low;
        final double s = scale;
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (data[i] * s + l);
        }
    }

    @Override
    public boolean equals(final Object o) {
        if (this == o) return true;
        if (!(o instanceof Normalization)) return false;
        final Normalization other = (Normalization) o;
        return Double.compare(low, other.low) == 0 && Double.compare(high, other.high) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(low) + Double.hashCode(high);
    }

    @Override
    public String toString() {
        return "Normalization[low=" + low + ", high=" + high + ", scale=" + scale + "]";
    }
}
