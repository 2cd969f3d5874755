package io.github.biattention.deblur.classical;

import io.github.biattention.deblur.data.Kernel;

/**
 * The widefield PSF of a point at a depth in a sample whose refractive index differs from the immersion medium the
 * objective is made for (oil objective, watery sample): the scalar model of Gibson &amp; Lanni (1992) in the form of
 * Li, Xue &amp; Blu (2017), with the coverslip as designed. The optical path difference over the pupil, s = NA·ρ,
 *
 * <pre>
 *   OPD(ρ) = zp·√(ns² − s²) + z·√(ni² − s²)
 * </pre>
 *
 * (zp the depth below the coverslip, z the focus position, both in nm) is spherical aberration that grows with the
 * depth; light beyond the sample's critical angle (s &gt; ns) does not reach the objective. The focus is the one
 * with the brightest centre (found by a scan, so the focal shift of the mismatch is included), moved by the
 * objective's defocus. With ns = ni the aberration cancels at best focus and this is the in-focus
 * {@link WidefieldPsf}; in focus and at depth 0 it is the Airy pattern of NA min(NA, ns).
 */
public final class GibsonLanniPsf {

    /** Deepest point the model is asked for, nm (200 µm: a thick section). */
    public static final double MAX_DEPTH = 200_000;
    /** Scan points of the best-focus search, before its refinement. */
    private static final int FOCUS_SCAN = 81;

    private final double na;
    private final double wavelength;
    private final double immersionIndex;
    private final double sampleIndex;
    private final double depth;
    private final double pixelSize;
    /** The largest pupil radius that carries light: NA·ρ below both indices. */
    private final double rhoMax;
    private final double focus;
    /** The phase range at {@link #focus}, which every radius of the kernel's profile needs. */
    private final double focusPhaseRange;

    /**
     * @param objective   NA, emission wavelength, immersion index (the one the objective is made for) and defocus
     *                    (from the best focus)
     * @param sampleIndex refractive index of the sample, in [1, 3] (water 1.333, glycerol 1.47, oil 1.515)
     * @param depth       of the imaged plane below the coverslip, nm, in [0, {@value #MAX_DEPTH}]
     * @param pixelSize   in the sample plane, nm, in (0, 10000]
     */
    public GibsonLanniPsf(WidefieldObjective objective, double sampleIndex, double depth, double pixelSize) {
        checkSample(sampleIndex, depth);
        this.na = objective.na();
        this.wavelength = objective.wavelength();
        this.immersionIndex = objective.refractiveIndex();
        this.sampleIndex = sampleIndex;
        this.depth = depth;
        this.pixelSize = WidefieldPsf.checkPixelSize(pixelSize);
        this.rhoMax = Math.min(1, Math.min(sampleIndex, immersionIndex) / na);
        this.focus = bestFocus() + objective.defocus();
        this.focusPhaseRange = phaseRange(focus);
    }

    /**
     * @throws IllegalArgumentException for a sample index outside [1, 3] or a depth outside [0, {@value #MAX_DEPTH}]
     *                                  nm, saying what to enter
     */
    static void checkSample(double sampleIndex, double depth) {
        if (!(sampleIndex >= 1 && sampleIndex <= 3)) {
            throw new IllegalArgumentException("The sample refractive index must be in [1, 3], got " + sampleIndex
                    + ": enter the medium around the specimen's (water 1.333, glycerol 1.47, mounting oil 1.515)");
        }
        if (!(depth >= 0 && depth <= MAX_DEPTH)) {
            throw new IllegalArgumentException("The depth must be in [0, " + (int) MAX_DEPTH + "] nm, got " + depth
                    + ": enter the distance of the imaged plane below the coverslip in nm");
        }
    }

    /** Pupil phase k·(OPD(ρ) − OPD(0)) at focus position z. */
    private double phase(double rho, double z) {
        double k = 2 * Math.PI / wavelength;
        double s2 = na * na * rho * rho;
        // At the aperture's edge s may pass an index by a rounding error: no negative under the roots.
        return k * (depth * (Math.sqrt(Math.max(0, sampleIndex * sampleIndex - s2)) - sampleIndex)
                + z * (Math.sqrt(Math.max(0, immersionIndex * immersionIndex - s2)) - immersionIndex));
    }

    private double phaseRange(double z) {
        double range = 0;
        for (int i = 0; i <= 64; i++) {
            range = Math.max(range, Math.abs(phase(i * rhoMax / 64, z)));
        }
        return range;
    }

    /** I(r) at this PSF's focus, r in nm (not normalised: the kernel is). */
    double intensity(double r) {
        return intensity(r, focus, focusPhaseRange);
    }

    private double intensity(double r, double z, double phaseRange) {
        double v = 2 * Math.PI / wavelength * na * r;
        return RadialPsf.pupilIntensity(v, rho -> phase(rho, z), phaseRange, rhoMax);
    }

    /** The centre's intensity with the focus at {@code z}. */
    private double peak(double z) {
        return intensity(0, z, phaseRange(z));
    }

    /**
     * The focus position with the brightest centre: a scan from 0 to twice the paraxial focal shift, then a
     * golden-section refinement around the best scan point.
     */
    private double bestFocus() {
        if (depth == 0) {
            return 0;
        }
        double far = -2 * depth * immersionIndex / sampleIndex;
        double step = far / (FOCUS_SCAN - 1);
        double best = 0;
        double bestPeak = -1;
        for (int i = 0; i < FOCUS_SCAN; i++) {
            double peak = peak(i * step);
            if (peak > bestPeak) {
                bestPeak = peak;
                best = i * step;
            }
        }
        double a = best - Math.abs(step);
        double b = best + Math.abs(step);
        double g = (Math.sqrt(5) - 1) / 2;
        double c = b - g * (b - a);
        double d = a + g * (b - a);
        double peakC = peak(c);
        double peakD = peak(d);
        // Each step keeps one inner point and its peak: one new evaluation per step.
        for (int i = 0; i < 40; i++) {
            if (peakC > peakD) {
                b = d;
                d = c;
                peakD = peakC;
                c = b - g * (b - a);
                peakC = peak(c);
            } else {
                a = c;
                c = d;
                peakC = peakD;
                d = a + g * (b - a);
                peakD = peak(d);
            }
        }
        return (a + b) / 2;
    }

    /** The focus position used (nm; negative: into the sample), after the best-focus search and the defocus. */
    public double focus() {
        return focus;
    }

    /**
     * The automatic half-size in pixels: at least 4 Airy radii of the effective NA, and out to where the profile
     * holds 97% of the light within {@link WidefieldPsf#MAX_HALF_SIZE} pixels.
     */
    public int autoHalfSize() {
        double airy = 0.61 * wavelength / (na * rhoMax);
        int max = WidefieldPsf.MAX_HALF_SIZE;
        double[] ring = new double[max + 1];
        double total = 0;
        for (int p = 0; p <= max; p++) {
            ring[p] = intensity(p * pixelSize) * (p == 0 ? 0.25 : 2 * p); // energy of the annulus around radius p
            total += ring[p];
        }
        double sum = 0;
        int radius = 0;
        while (radius < max && sum + ring[radius] < 0.97 * total) {
            sum += ring[radius++];
        }
        return (int) Math.max(2, Math.min(max, Math.max(radius, Math.ceil(4 * airy / pixelSize))));
    }

    /** The kernel with the automatic size {@code 2 * autoHalfSize() + 1}. */
    public Kernel kernel() {
        return kernel(autoHalfSize());
    }

    /** The kernel of size {@code 2 * halfSize + 1}, halfSize in [1, 1000]. */
    public Kernel kernel(int halfSize) {
        return RadialPsf.kernel(this::intensity, pixelSize, halfSize);
    }
}
