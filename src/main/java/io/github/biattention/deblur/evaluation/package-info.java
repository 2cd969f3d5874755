/**
 * Measuring restoration quality: deblur degraded images through the real engine (tiling, normalisation) and
 * score them against the sharp originals. {@link io.github.biattention.deblur.evaluation.SyntheticEvaluation} blurs
 * sharp images itself (the {@code benchmark} package does the same per blur kind for several models side by side
 * with Richardson–Lucy and Wiener given the true kernel);
 * {@link io.github.biattention.deblur.evaluation.PairEvaluation} scores real pairs of blurred
 * and sharp images listed by a {@link io.github.biattention.deblur.data.PairSource} (two folders, GOPRO, DVD;
 * {@link io.github.biattention.deblur.data.DatasetLayout} detects which), read through a
 * {@link io.github.biattention.deblur.data.ChannelImageReader} that the front ends implement. No ImageJ or
 * SciJava here.
 */
package io.github.biattention.deblur.evaluation;
