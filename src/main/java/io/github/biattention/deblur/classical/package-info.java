/**
 * Classical deconvolution baselines to compare the network with: Richardson–Lucy (optionally with total-variation
 * regularisation) and Wiener filtering by FFT (JTransforms), and the point-spread functions they need (Gaussian,
 * disk, linear motion, measured images, and the widefield microscope PSF of the Born &amp; Wolf model). Plain float
 * arrays ({@link io.github.biattention.deblur.data.Plane}, {@link io.github.biattention.deblur.data.Kernel}) in and
 * out; no ImageJ, SciJava or DJL, so the CLI and the Fiji commands share it.
 */
package io.github.biattention.deblur.classical;
