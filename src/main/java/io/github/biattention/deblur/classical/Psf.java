package io.github.biattention.deblur.classical;

import io.github.biattention.deblur.data.BlurKernels;
import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.Plane;
import java.util.Arrays;

/**
 * Point-spread functions for deconvolution, as {@link Kernel}s: odd size, non-negative, sum 1, centred on the
 * middle pixel. The widefield microscope PSF is {@link WidefieldPsf}.
 */
public final class Psf {

    /** Points per pixel of length when drawing a motion path; dense enough for a continuous line. */
    private static final int LINE_SAMPLES_PER_PIXEL = 16;
    /** Longest motion blur, in pixels. */
    public static final double MAX_MOTION_LENGTH = 200;

    private Psf() {}

    /** An isotropic Gaussian, σ in (0, 20] pixels, sampled at pixel centres and truncated at 3σ. */
    public static Kernel gaussian(double sigma) {
        return BlurKernels.gaussian(sigma);
    }

    /** A uniform disk (defocus in geometric optics), radius in (0, 64] pixels, edge pixels weighted by area. */
    public static Kernel disk(double radius) {
        return BlurKernels.defocus(radius);
    }

    /**
     * Linear motion: a straight segment of the given length centred on the kernel's centre, drawn with bilinear
     * weights (anti-aliased) and normalised.
     *
     * @param length in pixels, in [1, {@link #MAX_MOTION_LENGTH}]
     * @param angleDegrees direction, counter-clockwise from the +x axis as seen on screen (image y points down)
     */
    public static Kernel motion(double length, double angleDegrees) {
        if (!(length >= 1 && length <= MAX_MOTION_LENGTH)) {
            throw new IllegalArgumentException("motion length must be in [1, " + MAX_MOTION_LENGTH + "] pixels, got "
                    + length);
        }
        if (!Double.isFinite(angleDegrees)) {
            throw new IllegalArgumentException("motion angle must be finite, got " + angleDegrees);
        }
        double angle = Math.toRadians(angleDegrees);
        double ux = Math.cos(angle);
        double uy = -Math.sin(angle);
        int h = (int) Math.ceil(length / 2 + 1e-9);
        int size = 2 * h + 1;
        float[] w = new float[size * size];
        int n = (int) Math.ceil(length * LINE_SAMPLES_PER_PIXEL) + 1;
        for (int s = 0; s < n; s++) {
            // Symmetric samples from -length/2 to +length/2: the centre of mass is the centre pixel.
            double t = length * ((double) s / (n - 1) - 0.5);
            BlurKernels.splat(w, size, h + t * ux, h + t * uy);
        }
        return Kernel.normalized(size, w);
    }

    /**
     * A PSF from a measured image (e.g. a bead), row-major:
     * <ol>
     *   <li>background: the median of the pixels on the image's outer border is subtracted and negatives are set to 0
     *   (so the image should show the PSF with some background around it);</li>
     *   <li>centring: the centre of mass, rounded to the nearest pixel, becomes the kernel's centre (no
     *   interpolation); the kernel is the smallest odd square around it that holds the whole image, zero-filled;</li>
     *   <li>normalisation to sum 1.</li>
     * </ol>
     *
     * @throws IllegalArgumentException when nothing is left above the background, or for non-finite values
     */
    public static Kernel fromImage(Plane image) {
        int w = image.width();
        int h = image.height();
        float[] p = image.pixels();
        for (float v : p) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("the PSF image contains a non-finite value (" + v + ")");
            }
        }
        float background = borderMedian(p, w, h);
        double sum = 0;
        double sx = 0;
        double sy = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = Math.max(0, p[y * w + x] - background);
                sum += v;
                sx += v * x;
                sy += v * y;
            }
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("the PSF image has no signal above its background (the median of its"
                    + " border pixels, " + background + ")");
        }
        int cx = (int) Math.round(sx / sum);
        int cy = (int) Math.round(sy / sum);
        int half = Math.max(Math.max(cx, w - 1 - cx), Math.max(cy, h - 1 - cy));
        int size = 2 * half + 1;
        float[] k = new float[size * size];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                k[(y - cy + half) * size + (x - cx + half)] = Math.max(0, p[y * w + x] - background);
            }
        }
        return Kernel.normalized(size, k);
    }

    /** Median of the pixels on the outer border (each counted once). */
    static float borderMedian(float[] p, int w, int h) {
        float[] border = new float[w * h - Math.max(0, w - 2) * Math.max(0, h - 2)];
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y == 0 || y == h - 1 || x == 0 || x == w - 1) {
                    border[n++] = p[y * w + x];
                }
            }
        }
        Arrays.sort(border);
        return n % 2 == 1 ? border[n / 2] : (border[n / 2 - 1] + border[n / 2]) / 2;
    }
}
