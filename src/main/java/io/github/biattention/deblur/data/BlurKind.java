package io.github.biattention.deblur.data;

/** The families of blur the degradation pipeline simulates. */
public enum BlurKind {
    /** Camera shake: a random curved trajectory. */
    MOTION,
    /** Out-of-focus blur: a uniform disk. */
    DEFOCUS,
    /** Smooth optical blur: an isotropic Gaussian. */
    GAUSSIAN
}
