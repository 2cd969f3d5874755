package io.github.biattention.deblur.classical;

/**
 * What the deconvolution assumes beyond the image edges. FFTs make every convolution circular; both choices pad the
 * image before transforming so that the far edge never wraps onto the near one.
 */
public enum Boundary {
    /**
     * The image is extended by mirror reflection (edge pixel repeated: ... c b a | a b c ...) by at least twice the
     * PSF size plus 8 pixels on each side, deconvolved as a whole and cropped. No dark or bright frame appears at
     * the edges; the default.
     */
    REFLECT,
    /**
     * Pixels outside the image are 0 and the estimate lives on the image only, as in scikit-image's
     * {@code richardson_lucy} (scipy.signal.convolve, mode='same'). Edges of a bright image then look like sharp
     * steps to black, which the deconvolution brightens; use it to compare with scikit-image.
     */
    ZERO
}
