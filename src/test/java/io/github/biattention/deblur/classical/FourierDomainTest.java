package io.github.biattention.deblur.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.biattention.deblur.data.Kernel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FourierDomainTest {

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble();
        }
        return a;
    }

    @Test
    void forwardThenInverseGivesTheArrayBack() {
        for (int[] size : new int[][] {{2, 1}, {8, 5}, {30, 27}, {64, 48}, {14, 14}}) {
            RealFft2d fft = new RealFft2d(size[0], size[1]);
            float[] a = random(size[0] * size[1], 3);
            float[] work = a.clone();
            float[] spectrum = fft.newSpectrum();
            fft.forward(work, spectrum);
            // The DC term is the sum.
            double sum = 0;
            for (float v : a) {
                sum += v;
            }
            assertEquals(sum, spectrum[0], 1e-3);
            float[] back = new float[a.length];
            fft.inverse(spectrum, back);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], back[i], 1e-5, size[0] + "x" + size[1] + " at " + i);
            }
        }
    }

    @Test
    void fastSizesHaveOnlySmallFactors() {
        assertEquals(2, RealFft2d.fastSize(1, true));
        assertEquals(1, RealFft2d.fastSize(1, false));
        assertEquals(100, RealFft2d.fastSize(97, false));
        assertEquals(125, RealFft2d.fastSize(121, false));
        assertEquals(128, RealFft2d.fastSize(121, true));
    }

    /** A direct convolution with zeros outside, the definition the ZERO grid must reproduce. */
    private static float[] direct(float[] img, int w, int h, Kernel k, boolean correlate) {
        int n = k.size();
        int c = (n - 1) / 2;
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < n; i++) {
                        int sx = correlate ? x + (i - c) : x - (i - c);
                        int sy = correlate ? y + (j - c) : y - (j - c);
                        if (sx >= 0 && sx < w && sy >= 0 && sy < h) {
                            s += k.get(i, j) * img[sy * w + sx];
                        }
                    }
                }
                out[y * w + x] = (float) s;
            }
        }
        return out;
    }

    @Test
    void zeroGridConvolutionIsTheLinearConvolutionAndCorrelationItsAdjoint() {
        int w = 23;
        int h = 17;
        Kernel k = Kernel.normalized(5, random(25, 7)); // not symmetric
        float[] img = random(w * h, 11);
        FourierDomain d = new FourierDomain(w, h, k, Boundary.ZERO);
        for (boolean correlate : new boolean[] {false, true}) {
            float[] buffer = d.embed(img);
            if (correlate) {
                d.correlate(buffer, d.newSpectrum());
            } else {
                d.convolve(buffer, d.newSpectrum());
            }
            float[] fft = d.crop(buffer);
            float[] expected = direct(img, w, h, k, correlate);
            for (int i = 0; i < fft.length; i++) {
                assertEquals(expected[i], fft[i], 1e-5, (correlate ? "correlation" : "convolution") + " at " + i);
            }
        }
    }

    @Test
    void reflectGridMirrorsTheImageIntoItsMargins() {
        assertEquals(0, FourierDomain.reflect(-1, 4));
        assertEquals(1, FourierDomain.reflect(-2, 4));
        assertEquals(3, FourierDomain.reflect(4, 4));
        assertEquals(0, FourierDomain.reflect(7, 4));
        assertEquals(0, FourierDomain.reflect(8, 4));
        assertEquals(0, FourierDomain.reflect(-1, 1));
        float[] img = random(6 * 4, 5);
        FourierDomain d = new FourierDomain(6, 4, Psf.gaussian(1), Boundary.REFLECT);
        float[] grid = d.embed(img);
        assertEquals(img[0], grid[(d.top - 1) * d.width + d.left - 1], 0);
        assertEquals(img[5], grid[d.top * d.width + d.left + 6], 0);
        float[] back = d.crop(grid);
        for (int i = 0; i < img.length; i++) {
            assertEquals(img[i], back[i], 0);
        }
    }
}
