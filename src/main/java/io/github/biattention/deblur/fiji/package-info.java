/**
 * Fiji integration: SciJava commands (menus, macros, headless) and the bridge between ImageJ 1.x images and
 * ImgLib2. The commands only translate parameters and call {@link io.github.biattention.deblur.fiji.ImageDeblurring},
 * which calls the engine, or {@link io.github.biattention.deblur.fiji.ClassicalDeconvolution} for the classical
 * baselines; the same paths serve the CLI.
 */
package io.github.biattention.deblur.fiji;
