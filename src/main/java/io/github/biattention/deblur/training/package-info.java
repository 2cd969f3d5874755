/**
 * Training the network: {@link io.github.biattention.deblur.training.TrainingData} chooses the pairs (synthetic
 * degradations of photographs or of fluorescence specimens through widefield optics, crops of real pairs, or any
 * {@link io.github.biattention.deblur.data.PairSampler}); batches, an L1 + gradient loss, Adam with a cosine
 * learning-rate schedule, validation on a fixed seeded set, checkpoints that resume exactly, and a model card.
 */
package io.github.biattention.deblur.training;
