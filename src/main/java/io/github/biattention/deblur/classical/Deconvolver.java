package io.github.biattention.deblur.classical;

import io.github.biattention.deblur.data.Plane;
import java.util.function.BooleanSupplier;

/** A deconvolution method with its PSF and parameters fixed: one blurred plane in, one restored plane out. */
public interface Deconvolver {

    /**
     * @param blurred the observed image, in any intensity scale; not modified
     * @param cancelled polled between iterations
     * @return a new plane of the same size and intensity scale
     * @throws java.util.concurrent.CancellationException once {@code cancelled} turned true
     */
    Plane deconvolve(Plane blurred, BooleanSupplier cancelled);

    /** {@link #deconvolve(Plane, BooleanSupplier)} that cannot be cancelled. */
    default Plane deconvolve(Plane blurred) {
        return deconvolve(blurred, () -> false);
    }
}
