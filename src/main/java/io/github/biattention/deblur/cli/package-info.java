/**
 * The command-line tool ({@code java -jar bi-attention-deblur.jar}): deblur, train, models, evaluate, compare, and
 * deconvolve (the classical baselines). Each subcommand only translates options into settings and calls the engine,
 * the trainer, the model store or the classical deconvolution.
 */
package io.github.biattention.deblur.cli;
