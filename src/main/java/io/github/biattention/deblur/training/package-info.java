/**
 * Training the network on synthetic degradations: batches from the data package, an L1 + gradient loss, Adam with
 * a cosine learning-rate schedule, validation on a fixed seeded set, and checkpoints that resume exactly.
 */
package io.github.biattention.deblur.training;
