/**
 * Image-quality metrics (PSNR, SSIM) computed the way scikit-image computes them, so figures are comparable with
 * the literature and with Python tools. Plain arrays in, no ImageJ or DJL.
 */
package io.github.biattention.deblur.metrics;
