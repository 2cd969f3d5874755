/**
 * Fiji integration only: SciJava commands (menus, macros, headless), the macro bridge and defaults, and the training
 * plot. The commands translate parameters and call the ImageJ 1.x layer ({@link
 * io.github.biattention.deblur.imagej.ImageDeblurring}, {@link io.github.biattention.deblur.imagej.FileDeblurring},
 * {@link io.github.biattention.deblur.imagej.ClassicalDeconvolution}, {@link
 * io.github.biattention.deblur.imagej.ChannelImages} for Evaluate Deblurring), or {@link
 * io.github.biattention.deblur.training.DeblurTrainer} for Train Deblurring Model; the command line stands on the
 * same layer and never on this package.
 */
package io.github.biattention.deblur.fiji;
