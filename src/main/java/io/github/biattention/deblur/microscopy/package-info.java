/**
 * Widefield fluorescence microscopy: random optics (objective, wavelength, sampling, defocus and out-of-focus haze)
 * whose Born &amp; Wolf PSFs blur {@link io.github.biattention.deblur.data.MicroscopyScenes}, then camera noise at
 * the photon counts of live-cell imaging. Feeds the {@code widefield} model's training and its evaluation against
 * classical deconvolution handed the same PSF (the {@code benchmark} package's widefield benchmark).
 */
package io.github.biattention.deblur.microscopy;
