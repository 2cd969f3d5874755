package io.github.biattention.deblur.data;

/**
 * How strong a blur is, per {@link BlurKind}: the range of its parameter (motion: extent of the path around its
 * centre of mass in pixels; defocus: disk radius in pixels; Gaussian: σ in pixels). The ranges do not overlap, so
 * an evaluation grid can report each strength apart; training draws from all of them.
 */
public enum BlurStrength {
    /** No blur: the sharp image itself. */
    NONE(0, 0, 0, 0, 0, 0),
    /** Barely visible: a slightly soft lens, a short shake. */
    MILD(1, 2.5, 0.7, 1.5, 0.5, 1.0),
    /** Clearly blurred, text still legible. */
    MODERATE(3, 6, 2, 3.5, 1.2, 2.0),
    /** Heavy: the upper end of what training draws. */
    STRONG(8, 15, 4.5, 7, 2.5, 3.5);

    private final double[] min;
    private final double[] max;

    BlurStrength(double motionMin, double motionMax, double defocusMin, double defocusMax, double gaussianMin,
            double gaussianMax) {
        this.min = new double[] {motionMin, defocusMin, gaussianMin};
        this.max = new double[] {motionMax, defocusMax, gaussianMax};
    }

    /** Lower end of the kind's parameter (0 for {@link #NONE}). */
    public double min(BlurKind kind) {
        return min[kind.ordinal()];
    }

    /** Upper end of the kind's parameter (0 for {@link #NONE}). */
    public double max(BlurKind kind) {
        return max[kind.ordinal()];
    }

    /** Lower-case name, as in tables and on the command line. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
