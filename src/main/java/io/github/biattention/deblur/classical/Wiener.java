package io.github.biattention.deblur.classical;

import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.Plane;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Wiener deconvolution with a constant noise-to-signal power ratio: the linear filter
 * {@code X = H* Y / (|H|² + nsr)} in the Fourier domain, one FFT each way, no iterations. {@code nsr} trades
 * sharpness for noise: 0 is the plain inverse filter (unusable on noisy data), 1e-3 to 1e-1 are typical for
 * intensities of a few percent noise. The PSF's transfer function is 1 at zero frequency, so the mean intensity
 * is kept; results can be negative near edges and noise. Edges as in {@link Boundary}.
 */
public final class Wiener implements Deconvolver {

    private final Kernel psf;
    private final double nsr;
    private final Boundary boundary;

    /**
     * @param psf the point-spread function (normalised, odd size, centred)
     * @param nsr noise-to-signal power ratio, finite and ≥ 0
     */
    public Wiener(Kernel psf, double nsr, Boundary boundary) {
        if (!(nsr >= 0) || Double.isInfinite(nsr)) {
            throw new IllegalArgumentException("noise-to-signal ratio must be finite and >= 0, got " + nsr);
        }
        this.psf = psf;
        this.nsr = nsr;
        this.boundary = boundary;
    }

    /** With reflected edges. */
    public Wiener(Kernel psf, double nsr) {
        this(psf, nsr, Boundary.REFLECT);
    }

    @Override
    public Plane deconvolve(Plane blurred, BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("Wiener deconvolution cancelled");
        }
        FourierDomain domain = new FourierDomain(blurred.width(), blurred.height(), psf, boundary);
        float[] data = domain.embed(blurred.pixels());
        domain.wiener(data, domain.newSpectrum(), nsr);
        return new Plane(blurred.width(), blurred.height(), domain.crop(data));
    }

    public Kernel psf() {
        return psf;
    }

    public double nsr() {
        return nsr;
    }

    public Boundary boundary() {
        return boundary;
    }
}
