package io.github.biattention.deblur.classical;

import io.github.biattention.deblur.data.Kernel;

/**
 * The PSF of a widefield fluorescence microscope after the scalar Born &amp; Wolf model: the emission light of a
 * point source through a circular aperture of numerical aperture NA, in a medium of refractive index n, at a
 * distance z from focus (paraxial defocus phase):
 *
 * <pre>
 *   I(r, z) = | 2 ∫₀¹ J0(k·NA·r·ρ) · exp(−i·½·k·z·NA²/n·ρ²) · ρ dρ |²,   k = 2π / λ
 * </pre>
 *
 * normalised to I(0, 0) = 1. In focus this is the Airy pattern [2 J1(v)/v]², v = k·NA·r, whose full width at half
 * maximum is 0.51 λ/NA; on the axis it is [sin(u/4) / (u/4)]², u = k·z·NA²/n. The integral is evaluated with
 * Simpson's rule (enough nodes per oscillation) on a radial grid of 1/20 pixel, and each pixel is the mean of 5×5
 * sub-pixel samples (linear interpolation of the radial profile), so the kernel integrates over the pixel area
 * like a camera does. The kernel is normalised to sum 1 over its extent; the faint outer rings beyond it are left out.
 */
public final class WidefieldPsf {

    /** Largest automatic half-size: kernels are at most 255 pixels wide. */
    public static final int MAX_HALF_SIZE = 127;

    private final double na;
    private final double wavelength;
    private final double refractiveIndex;
    private final double pixelSize;
    private final double defocus;

    /**
     * @param na numerical aperture, in (0, refractiveIndex)
     * @param wavelength emission wavelength in nm, in [200, 2000]
     * @param refractiveIndex of the immersion medium, in [1, 3] (air 1.0, water 1.333, oil 1.515)
     * @param pixelSize in the sample plane, in nm, in (0, 10000]
     * @param defocus distance from focus in nm (0 = in focus), |defocus| ≤ 100000
     */
    public WidefieldPsf(double na, double wavelength, double refractiveIndex, double pixelSize, double defocus) {
        this(new WidefieldObjective(na, wavelength, refractiveIndex, defocus), pixelSize);
    }

    /** The PSF of a checked objective at {@code pixelSize} nm in the sample plane, in (0, 10000]. */
    public WidefieldPsf(WidefieldObjective objective, double pixelSize) {
        this.na = objective.na();
        this.wavelength = objective.wavelength();
        this.refractiveIndex = objective.refractiveIndex();
        this.pixelSize = checkPixelSize(pixelSize);
        this.defocus = objective.defocus();
    }

    /**
     * @return {@code pixelSize}
     * @throws IllegalArgumentException unless it is in (0, 10000] nm, saying what to enter
     */
    public static double checkPixelSize(double pixelSize) {
        if (!(pixelSize > 0 && pixelSize <= 10000)) {
            throw new IllegalArgumentException("The pixel size must be in (0, 10000] nm, got " + pixelSize
                    + ": enter the pixel size in the sample plane in nm (camera pixel / magnification)");
        }
        return pixelSize;
    }

    /** In focus. */
    public WidefieldPsf(double na, double wavelength, double refractiveIndex, double pixelSize) {
        this(na, wavelength, refractiveIndex, pixelSize, 0);
    }

    /**
     * The automatic half-size in pixels: 4 Airy radii (0.61 λ/NA) in focus; with defocus, the geometric blur
     * radius |z|·tan(asin(NA/n)) plus 2 Airy radii if larger; at least 2, at most {@link #MAX_HALF_SIZE}.
     */
    public int autoHalfSize() {
        double airy = 0.61 * wavelength / na;
        double geometric = Math.abs(defocus) * Math.tan(Math.asin(na / refractiveIndex));
        double radius = Math.max(4 * airy, geometric + 2 * airy);
        return (int) Math.max(2, Math.min(MAX_HALF_SIZE, Math.ceil(radius / pixelSize)));
    }

    /** The kernel with the automatic size {@code 2 * autoHalfSize() + 1}. */
    public Kernel kernel() {
        return kernel(autoHalfSize());
    }

    /** The kernel of size {@code 2 * halfSize + 1}, halfSize in [1, 1000]. */
    public Kernel kernel(int halfSize) {
        return RadialPsf.kernel(this::intensity, pixelSize, halfSize);
    }

    /** I(r, z) at this PSF's defocus, r in nm, normalised so that the in-focus centre is 1. */
    double intensity(double r) {
        return intensity(r, defocus);
    }

    /** I(r, z), r and z in nm, normalised so that I(0, 0) = 1. */
    double intensity(double r, double z) {
        double k = 2 * Math.PI / wavelength;
        double phase = 0.5 * k * z * na * na / refractiveIndex;
        return RadialPsf.pupilIntensity(k * na * r, rho -> -phase * rho * rho, Math.abs(phase), 1);
    }
}
