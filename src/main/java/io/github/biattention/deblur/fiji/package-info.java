/**
 * Fiji integration: SciJava commands (menus, macros, headless) and the bridge between ImageJ 1.x images and
 * ImgLib2. The commands only translate parameters and call {@link io.github.biattention.deblur.fiji.ImageDeblurring},
 * which calls the engine, {@link io.github.biattention.deblur.fiji.ClassicalDeconvolution} for the classical
 * baselines, or {@link io.github.biattention.deblur.evaluation.PairEvaluation} for Evaluate Deblurring (files read by
 * {@link io.github.biattention.deblur.fiji.ChannelImages}), or
 * {@link io.github.biattention.deblur.training.DeblurTrainer} for Train Deblurring Model; the same paths serve the
 * CLI.
 */
package io.github.biattention.deblur.fiji;
