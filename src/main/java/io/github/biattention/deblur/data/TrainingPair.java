package io.github.biattention.deblur.data;

/**
 * One aligned training example: a degraded patch and the sharp patch it came from, both
 * {@code patch × patch}, pixel for pixel aligned. The sharp patch is in [0, 1]; the blurred one
 * carries noise and so may stray slightly outside. Also records the kernel that was applied, when known.
 */
public final class TrainingPair {
    private final Plane blurred;
    private final Plane sharp;
    private final BlurKind kind;
    private final Kernel kernel;

    public TrainingPair(Plane blurred, Plane sharp, BlurKind kind, Kernel kernel) {
        if (blurred.width() != sharp.width() || blurred.height() != sharp.height()) {
            throw new IllegalArgumentException("blurred " + blurred + " and sharp " + sharp + " differ in size");
        }
        this.blurred = blurred;
        this.sharp = sharp;
        this.kind = kind;
        this.kernel = kernel;
    }

    /** Network input: blurred and noisy. */
    public Plane blurred() {
        return blurred;
    }

    /** Target: the clean image. */
    public Plane sharp() {
        return sharp;
    }

    /** The kind of blur, or null when it came from optics or a real pair rather than one of the {@link BlurKind}s. */
    public BlurKind kind() {
        return kind;
    }

    /** The blur kernel that produced {@link #blurred()}, or null when unknown (real image pairs). */
    public Kernel kernel() {
        return kernel;
    }
}
