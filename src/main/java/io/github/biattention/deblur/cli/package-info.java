/**
 * The command-line tool ({@code java -jar bi-attention-deblur.jar}): deblur, train, models. Each subcommand only
 * translates options into settings and calls the engine, the trainer or the model store.
 */
package io.github.biattention.deblur.cli;
