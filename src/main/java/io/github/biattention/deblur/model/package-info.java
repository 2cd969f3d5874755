/**
 * Model files: one zip holding {@code model.json} (format version, architecture, normalisation defaults, training
 * provenance) and the network's parameters. Loaded by bundled name (from the jar) or from a path; every way a file
 * can be wrong becomes a {@link io.github.biattention.deblur.model.ModelException} naming the file and the problem.
 */
package io.github.biattention.deblur.model;
