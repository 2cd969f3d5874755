/**
 * The ImageJ 1.x layer the front ends share: deblurring an {@code ImagePlus} ({@link
 * io.github.biattention.deblur.imagej.ImageDeblurring}), files and folders of images ({@link
 * io.github.biattention.deblur.imagej.FileDeblurring}), known optics, classical deconvolution and channel handling.
 * The command line, the Fiji commands (and a cluster job) stand on it; it knows no SciJava, no windows.
 */
package io.github.biattention.deblur.imagej;
