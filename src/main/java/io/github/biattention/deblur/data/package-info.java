/**
 * Training data for the deblurring network: sharp image sources, blur kernels, noise and the
 * synthetic degradation pipeline that turns a sharp crop into an aligned (blurred, sharp) pair.
 *
 * <p>Everything here works on plain row-major {@code float[]} grey-level planes ({@link
 * io.github.biattention.deblur.data.Plane}) with values nominally in [0, 1]; it depends on no
 * deep-learning or ImgLib2 type, and only {@link io.github.biattention.deblur.data.FolderImages}
 * and the {@link io.github.biattention.deblur.data.PreviewDegradation} tool touch ImageJ 1.x.
 *
 * <p>Randomness always comes from a {@link java.util.SplittableRandom} that the caller passes in
 * or that is derived from a seed, so the same seed gives bit-identical data on every run and
 * every thread. Sources and kernels keep no mutable state, so {@link
 * io.github.biattention.deblur.data.Degradation#sample(long, long)} may be called from several
 * threads at once.
 */
package io.github.biattention.deblur.data;
