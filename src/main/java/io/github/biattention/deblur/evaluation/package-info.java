/**
 * Measuring restoration quality: deblur degraded images through the real engine (tiling, normalisation) and
 * score them against the sharp originals. No ImageJ or SciJava here.
 */
package io.github.biattention.deblur.evaluation;
