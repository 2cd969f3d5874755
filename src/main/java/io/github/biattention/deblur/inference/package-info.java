/**
 * Running the deblurring network over images of any size and dimensionality.
 *
 * <p>Entry point: {@link io.github.biattention.deblur.inference.DeblurEngine} (an N-D image, or one plane as a
 * {@code float[]}, through a loaded model), configured by
 * {@link io.github.biattention.deblur.inference.DeblurSettings}, reporting through
 * {@link io.github.biattention.deblur.inference.ProgressListener} and stoppable through a
 * {@code BooleanSupplier}. {@link io.github.biattention.deblur.model.Devices} turns a
 * {@link io.github.biattention.deblur.model.DeviceChoice} into a DJL device and describes the engine.
 *
 * <p>Underneath, network-agnostic plumbing: moving pixels between ImgLib2 and row-major {@code float[]} planes
 * ({@link io.github.biattention.deblur.inference.Planes}), percentile intensity normalisation
 * ({@link io.github.biattention.deblur.inference.PercentileNormalizer},
 * {@link io.github.biattention.deblur.inference.Normalization}), and overlapping tiling with smooth blending
 * ({@link io.github.biattention.deblur.inference.TilePlanner}, {@link io.github.biattention.deblur.inference.Tile},
 * {@link io.github.biattention.deblur.inference.TileBlender}; the predictor blends its tile grid with
 * {@code GridBlender}, one float per pixel), put together with the network by
 * {@link io.github.biattention.deblur.inference.TiledPredictor}, which runs several tiles at once on a CPU
 * ({@code TileWorkers}) and retries with smaller tiles when a forward pass runs out of memory.
 *
 * <p>The harnesses that time the engine and measure its memory live in the {@code benchmark} package, above this
 * one.
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
 * <p>This package depends on ImgLib2, DJL (with its PyTorch engine) and the JDK only: no SciJava or ImageJ, so it
 * can be used from a command line and tested without an application context.
 */
package io.github.biattention.deblur.inference;
