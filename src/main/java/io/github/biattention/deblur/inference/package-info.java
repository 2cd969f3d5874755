/**
 * Network-agnostic plumbing for running a 2D image-to-image network over large
 * images: moving pixels between ImgLib2 and row-major {@code float[]} planes
 * ({@link io.github.biattention.deblur.inference.Planes}), percentile intensity
 * normalisation ({@link io.github.biattention.deblur.inference.PercentileNormalizer},
 * {@link io.github.biattention.deblur.inference.Normalization}), and overlapping
 * tiling with smooth blending ({@link io.github.biattention.deblur.inference.TilePlanner},
 * {@link io.github.biattention.deblur.inference.Tile},
 * {@link io.github.biattention.deblur.inference.TileBlender}).
 *
 * <p>Conventions used throughout the package:
 * <ul>
 *   <li>A plane is a 2D image with axis 0 = x (columns, width) and axis 1 = y
 *       (rows, height). Its {@code float[]} form is row-major: pixel
 *       {@code (x, y)} is at index {@code y * width + x}.</li>
 *   <li>Tile coordinates are 0-based offsets from the plane's minimum corner.</li>
 *   <li>Pixel data on {@code ArrayImg}/{@code PlanarImg} storage is read in
 *       bulk from the primitive arrays; other images go through cursors.</li>
 * </ul>
 *
 * <p>This package depends only on ImgLib2 and the JDK (no DJL, SciJava or
 * ImageJ 1.x), so it can be tested without a network or an application context.
 */
package io.github.biattention.deblur.inference;
