/**
 * The command-line tool ({@code java -jar bi-attention-deblur.jar}): deblur, train, models, evaluate, compare,
 * deconvolve (the classical baselines), export, import, forward, and bench (quality and speed tables and a figure of
 * crops: {@code BenchCommand}, {@code BenchFigure}; with bench-memory and bench-widefield they print and write the
 * tables of the harnesses in {@code benchmark}). Each subcommand only translates options into settings and calls
 * the engine, the trainer, the model store, the classical deconvolution or the benchmarks.
 */
package io.github.biattention.deblur.cli;
