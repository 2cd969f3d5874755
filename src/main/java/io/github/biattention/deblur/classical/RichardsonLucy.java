package io.github.biattention.deblur.classical;

import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.Plane;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Richardson–Lucy deconvolution (Richardson 1972, Lucy 1974): the maximum-likelihood estimate under Poisson noise,
 * approached by the multiplicative update {@code x ← x · Hᵀ(y / Hx)}, with optional total-variation regularisation
 * after Dey et al., "Richardson–Lucy algorithm with total variation regularization for 3D confocal microscope
 * deconvolution" (Microsc. Res. Tech. 69, 2006): {@code x ← x · Hᵀ(y / Hx) / (1 − λ div(∇x / |∇x|))}.
 *
 * <p>The number of iterations is the main regularisation: few iterations leave blur, many amplify noise. Without TV
 * the result matches scikit-image's {@code richardson_lucy(image, psf, num_iter, clip=False)} when run with
 * {@link Boundary#ZERO} (checked by a test against numbers printed by {@code tools/rl_reference.py}); scikit-image
 * starts from 0.5 everywhere and this class from the image mean, which gives the same iterates because a constant
 * start cancels in the first update.
 *
 * <p>Details: RL models photon counts, so negative input values are treated as 0. The computation runs on the image
 * divided by its mean (the method is scale-invariant; the TV term's gradient floor is then a fixed 1e-3) and the
 * result is scaled back. Where the blurred estimate {@code Hx} falls below 1e-6 of the mean (e.g. in a black
 * background), the ratio is set to 0 instead of dividing by round-off. Convolutions are FFTs on float arrays
 * (JTransforms) over a padded grid (see {@link Boundary}).
 */
public final class RichardsonLucy implements Deconvolver {

    /** Largest TV weight: with |div| ≤ 4 the denominator 1 − λ div stays in [0.6, 1.4], never 0. */
    public static final double MAX_TV = 0.1;
    /** Smallest start value, relative to the image mean. */
    private static final double START_FLOOR = 1e-3;
    private static final float RATIO_FLOOR = 1e-6f;
    private static final double TV_EPSILON = 1e-3;

    private final Kernel psf;
    private final int iterations;
    private final double tv;
    private final Boundary boundary;

    /**
     * @param psf the point-spread function (normalised, odd size, centred)
     * @param iterations at least 1
     * @param tv total-variation weight λ in [0, {@link #MAX_TV}]; 0 for plain RL, Dey et al. suggest about 0.002
     * @param boundary how edges are handled
     */
    public RichardsonLucy(Kernel psf, int iterations, double tv, Boundary boundary) {
        if (iterations < 1) {
            throw new IllegalArgumentException("Richardson-Lucy needs at least 1 iteration, got " + iterations);
        }
        if (!(tv >= 0 && tv <= MAX_TV)) {
            throw new IllegalArgumentException("TV weight must be in [0, " + MAX_TV + "], got " + tv);
        }
        this.psf = psf;
        this.iterations = iterations;
        this.tv = tv;
        this.boundary = boundary;
    }

    /** Plain RL (no TV) with reflected edges. */
    public RichardsonLucy(Kernel psf, int iterations) {
        this(psf, iterations, 0, Boundary.REFLECT);
    }

    @Override
    public Plane deconvolve(Plane blurred, BooleanSupplier cancelled) {
        return iterate(blurred, null, cancelled);
    }

    /**
     * Richardson-Lucy iterations that start from {@code start} (e.g. a network's estimate) instead of a flat image:
     * each iteration pulls the estimate towards consistency with the measured image under this PSF. Values of the
     * start below a small floor are raised to it, since RL cannot move a pixel away from 0.
     */
    public Plane refine(Plane blurred, Plane start, BooleanSupplier cancelled) {
        if (start.width() != blurred.width() || start.height() != blurred.height()) {
            throw new IllegalArgumentException("start " + start + " and image " + blurred + " differ in size");
        }
        return iterate(blurred, start, cancelled);
    }

    /**
     * The deconvolution after each of {@code counts} iterations, from one run of {@code max(counts)} iterations (the
     * same images as separate runs of each count, in a fraction of the time).
     *
     * @param counts ascending, each in [1, {@link #iterations()}]
     */
    public List<Plane> deconvolveAt(Plane blurred, int... counts) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 1 || counts[i] > iterations || (i > 0 && counts[i] <= counts[i - 1])) {
                throw new IllegalArgumentException("counts must ascend within [1, " + iterations + "], got "
                        + Arrays.toString(counts));
            }
        }
        List<Plane> snapshots = new ArrayList<>(counts.length);
        iterate(blurred, null, () -> false, counts, snapshots);
        return snapshots;
    }

    private Plane iterate(Plane blurred, Plane start, BooleanSupplier cancelled) {
        return iterate(blurred, start, cancelled, new int[0], null);
    }

    /** RL as documented; the estimate after {@code snapshotAt[k]} iterations also goes into {@code snapshots}. */
    private Plane iterate(Plane blurred, Plane start, BooleanSupplier cancelled, int[] snapshotAt,
            List<Plane> snapshots) {
        int w = blurred.width();
        int h = blurred.height();
        float[] pixels = blurred.pixels();
        double sum = 0;
        for (float v : pixels) {
            sum += Math.max(v, 0);
        }
        double mean = sum / pixels.length;
        if (!(mean > 0) || Double.isInfinite(mean)) {
            for (int k = 0; k < snapshotAt.length; k++) {
                snapshots.add(Plane.zeros(w, h));
            }
            return Plane.zeros(w, h); // nothing to deconvolve (or no usable scale)
        }
        float[] scaled = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            scaled[i] = (float) (Math.max(pixels[i], 0) / mean);
        }
        FourierDomain domain = new FourierDomain(w, h, psf, boundary);
        float[] data = domain.embed(scaled);
        int n = data.length;
        boolean[] inside = new boolean[n];
        for (int i = 0; i < n; i++) {
            inside[i] = boundary != Boundary.ZERO || domain.inside(i);
        }
        float[] estimate = new float[n];
        if (start == null) {
            for (int i = 0; i < n; i++) {
                estimate[i] = inside[i] ? 1 : 0;
            }
        } else {
            float[] scaledStart = new float[pixels.length];
            for (int i = 0; i < pixels.length; i++) {
                scaledStart[i] = (float) Math.max(start.pixels()[i] / mean, START_FLOOR);
            }
            float[] embedded = domain.embed(scaledStart);
            for (int i = 0; i < n; i++) {
                estimate[i] = inside[i] ? Math.max(embedded[i], (float) START_FLOOR) : 0;
            }
        }
        float[] work = new float[n];
        float[] spectrum = domain.newSpectrum();
        float[] divergence = tv > 0 ? new float[n] : null;
        int nextSnapshot = 0;
        for (int iteration = 0; iteration < iterations; iteration++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("Richardson-Lucy cancelled after " + iteration + " iterations");
            }
            System.arraycopy(estimate, 0, work, 0, n);
            domain.convolve(work, spectrum);
            for (int i = 0; i < n; i++) {
                float blurredEstimate = work[i];
                work[i] = inside[i] && blurredEstimate > RATIO_FLOOR ? data[i] / blurredEstimate : 0;
            }
            domain.correlate(work, spectrum);
            if (divergence != null) {
                TotalVariation.divergenceOfUnitGradient(estimate, domain.width, regionLeft(domain),
                        regionTop(domain), regionWidth(domain), regionHeight(domain), TV_EPSILON, divergence);
            }
            for (int i = 0; i < n; i++) {
                if (!inside[i]) {
                    continue;
                }
                float update = estimate[i] * work[i];
                if (divergence != null) {
                    update /= (float) (1 - tv * divergence[i]);
                }
                // Round-off of the FFTs can give tiny negatives; RL estimates are non-negative.
                estimate[i] = Math.max(update, 0);
            }
            if (nextSnapshot < snapshotAt.length && iteration + 1 == snapshotAt[nextSnapshot]) {
                snapshots.add(image(domain, estimate, mean, w, h));
                if (++nextSnapshot == snapshotAt.length) {
                    break; // the last count asked for: no need for the rest
                }
            }
        }
        return image(domain, estimate, mean, w, h);
    }

    /** The estimate on the image's pixels, back in the input's scale. */
    private static Plane image(FourierDomain domain, float[] estimate, double mean, int w, int h) {
        float[] result = domain.crop(estimate);
        for (int i = 0; i < result.length; i++) {
            result[i] = (float) (result[i] * mean);
        }
        return new Plane(w, h, result);
    }

    // The TV term is taken over the pixels the estimate lives on: the image (ZERO) or the whole grid (REFLECT).
    private static int regionLeft(FourierDomain d) {
        return d.boundary == Boundary.ZERO ? d.left : 0;
    }

    private static int regionTop(FourierDomain d) {
        return d.boundary == Boundary.ZERO ? d.top : 0;
    }

    private static int regionWidth(FourierDomain d) {
        return d.boundary == Boundary.ZERO ? d.imageWidth : d.width;
    }

    private static int regionHeight(FourierDomain d) {
        return d.boundary == Boundary.ZERO ? d.imageHeight : d.height;
    }

    public Kernel psf() {
        return psf;
    }

    public int iterations() {
        return iterations;
    }

    public double tv() {
        return tv;
    }

    public Boundary boundary() {
        return boundary;
    }
}
