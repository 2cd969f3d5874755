package io.github.biattention.deblur.classical;

import io.github.biattention.deblur.data.Kernel;

/**
 * The padded FFT grid one image is deconvolved on, with the PSF's transfer function (OTF) on that grid.
 *
 * <p>The image sits at {@code (left, top)} in a {@code width × height} buffer (row-major). With {@link Boundary#ZERO}
 * it sits at the origin and the buffer is at least {@code image + PSF size - 1} larger in each axis, so that a
 * circular convolution equals the linear one with zeros outside; with {@link Boundary#REFLECT} it is centred and the
 * margins hold its mirror image. The PSF is zero-padded to the grid with its centre pixel moved to the origin
 * (circular shift), so convolving does not shift the image.
 */
final class FourierDomain {

    final int imageWidth;
    final int imageHeight;
    final int width;
    final int height;
    final int left;
    final int top;
    final Boundary boundary;
    private final RealFft2d fft;
    private final float[] otf;

    FourierDomain(int imageWidth, int imageHeight, Kernel psf, Boundary boundary) {
        int k = psf.size();
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.boundary = boundary;
        if (boundary == Boundary.ZERO) {
            // Linear convolution needs image + (k - 1); the PSF itself must fit without aliasing onto itself.
            width = RealFft2d.fastSize(imageWidth + k - 1, true);
            height = RealFft2d.fastSize(imageHeight + k - 1, false);
            left = 0;
            top = 0;
        } else {
            int margin = 2 * k + 8;
            width = RealFft2d.fastSize(imageWidth + 2 * margin, true);
            height = RealFft2d.fastSize(imageHeight + 2 * margin, false);
            left = (width - imageWidth) / 2;
            top = (height - imageHeight) / 2;
        }
        fft = new RealFft2d(width, height);
        float[] shifted = new float[width * height];
        int c = (k - 1) / 2;
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < k; i++) {
                int x = Math.floorMod(i - c, width);
                int y = Math.floorMod(j - c, height);
                shifted[y * width + x] += psf.get(i, j);
            }
        }
        otf = fft.newSpectrum();
        fft.forward(shifted, otf);
    }

    /** A buffer for this grid holding the image: zeros around it ({@code ZERO}) or its reflection ({@code REFLECT}). */
    float[] embed(float[] image) {
        float[] out = new float[width * height];
        if (boundary == Boundary.ZERO) {
            for (int y = 0; y < imageHeight; y++) {
                System.arraycopy(image, y * imageWidth, out, y * width, imageWidth);
            }
            return out;
        }
        for (int y = 0; y < height; y++) {
            int sy = reflect(y - top, imageHeight);
            for (int x = 0; x < width; x++) {
                out[y * width + x] = image[sy * imageWidth + reflect(x - left, imageWidth)];
            }
        }
        return out;
    }

    /** The image part of a grid buffer. */
    float[] crop(float[] buffer) {
        float[] out = new float[imageWidth * imageHeight];
        for (int y = 0; y < imageHeight; y++) {
            System.arraycopy(buffer, (y + top) * width + left, out, y * imageWidth, imageWidth);
        }
        return out;
    }

    /** Whether grid pixel {@code i} lies on the image. */
    boolean inside(int i) {
        int x = i % width - left;
        int y = i / width - top;
        return x >= 0 && x < imageWidth && y >= 0 && y < imageHeight;
    }

    /** A work spectrum for {@link #convolve}, {@link #correlate} and {@link #wiener}. */
    float[] newSpectrum() {
        return fft.newSpectrum();
    }

    /** {@code data} := PSF ⊛ data (circular on the grid); {@code spectrum} is scratch. */
    void convolve(float[] data, float[] spectrum) {
        fft.forward(data, spectrum);
        multiply(spectrum, false);
        fft.inverse(spectrum, data);
    }

    /** {@code data} := the adjoint: correlation with the PSF (convolution with the PSF rotated by 180°). */
    void correlate(float[] data, float[] spectrum) {
        fft.forward(data, spectrum);
        multiply(spectrum, true);
        fft.inverse(spectrum, data);
    }

    /**
     * {@code data} := the Wiener estimate, spectrum H* Y / (|H|² + nsr); where both |H|² and nsr are 0 the
     * frequency is set to 0.
     */
    void wiener(float[] data, float[] spectrum, double nsr) {
        fft.forward(data, spectrum);
        for (int i = 0; i < spectrum.length; i += 2) {
            double hr = otf[i];
            double hi = otf[i + 1];
            double denominator = hr * hr + hi * hi + nsr;
            double yr = spectrum[i];
            double yi = spectrum[i + 1];
            if (denominator > 0) {
                spectrum[i] = (float) ((hr * yr + hi * yi) / denominator);
                spectrum[i + 1] = (float) ((hr * yi - hi * yr) / denominator);
            } else {
                spectrum[i] = 0;
                spectrum[i + 1] = 0;
            }
        }
        fft.inverse(spectrum, data);
    }

    private void multiply(float[] spectrum, boolean conjugate) {
        float sign = conjugate ? -1 : 1;
        for (int i = 0; i < spectrum.length; i += 2) {
            float hr = otf[i];
            float hi = sign * otf[i + 1];
            float yr = spectrum[i];
            float yi = spectrum[i + 1];
            spectrum[i] = hr * yr - hi * yi;
            spectrum[i + 1] = hr * yi + hi * yr;
        }
    }

    /** Half-sample symmetric reflection of index {@code i} into [0, n), repeating for margins wider than n. */
    static int reflect(int i, int n) {
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }
}
