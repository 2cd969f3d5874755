package io.github.biattention.deblur.classical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.Plane;
import io.github.biattention.deblur.metrics.Psnr;
import io.github.biattention.deblur.metrics.ReferenceImages;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RichardsonLucyTest {

    private static final int W = 64;
    private static final int H = 48;

    /** Sharp scene, and the scene blurred with replicated edges (as a camera sees beyond its frame) plus noise. */
    private static float[][] scene(int seed, int[][] kernel, int noise) {
        int[] sharp = ReferenceImages.scene(W, H, seed);
        int[] blurred = ReferenceImages.noisy(ReferenceImages.blur(sharp, W, H, kernel), W, seed, noise);
        return new float[][] {ReferenceImages.toFloat(sharp, "unit"), ReferenceImages.toFloat(blurred, "unit")};
    }

    private static Kernel psf(int[][] kernel) {
        return Kernel.normalized(kernel.length, ReferenceImages.kernelWeights(kernel));
    }

    @Test
    void reflectedEdgesRestoreBetterThanTheBlurredImageAndThanZeroEdges() {
        int[][] kernel = ReferenceImages.KERNELS.get("binomial5");
        float[][] s = scene(31, kernel, 100);
        Plane blurred = new Plane(W, H, s[1]);
        double before = Psnr.compute(s[0], s[1], 1);
        double reflect = Psnr.compute(s[0], new RichardsonLucy(psf(kernel), 30).deconvolve(blurred).pixels(), 1);
        double zero = Psnr.compute(s[0],
                new RichardsonLucy(psf(kernel), 30, 0, Boundary.ZERO).deconvolve(blurred).pixels(), 1);
        assertTrue(reflect > before + 1, "RL " + reflect + " dB vs blurred " + before);
        assertTrue(reflect > zero + 3, "reflect " + reflect + " dB vs zero " + zero);
    }

    @Test
    void oneRunGivesTheSameImagesAsSeparateRunsOfEachCount() {
        int[][] kernel = ReferenceImages.KERNELS.get("disk7");
        Plane blurred = new Plane(W, H, scene(33, kernel, 100)[1]);
        Kernel k = psf(kernel);
        java.util.List<Plane> snapshots = new RichardsonLucy(k, 12).deconvolveAt(blurred, 1, 4, 9);
        int[] counts = {1, 4, 9};
        assertEquals(3, snapshots.size());
        for (int i = 0; i < counts.length; i++) {
            assertArrayEquals(new RichardsonLucy(k, counts[i]).deconvolve(blurred).pixels(),
                    snapshots.get(i).pixels(), counts[i] + " iterations");
        }
        assertThrows(IllegalArgumentException.class, () -> new RichardsonLucy(k, 5).deconvolveAt(blurred, 2, 6));
        assertThrows(IllegalArgumentException.class, () -> new RichardsonLucy(k, 5).deconvolveAt(blurred, 3, 3));
    }

    @Test
    void resultIsInTheInputsScaleAndScaleInvariant() {
        int[][] kernel = ReferenceImages.KERNELS.get("disk7");
        float[][] s = scene(32, kernel, 0);
        float[] big = s[1].clone();
        for (int i = 0; i < big.length; i++) {
            big[i] *= 4000;
        }
        RichardsonLucy rl = new RichardsonLucy(psf(kernel), 15);
        float[] unit = rl.deconvolve(new Plane(W, H, s[1])).pixels();
        float[] scaled = rl.deconvolve(new Plane(W, H, big)).pixels();
        for (int i = 0; i < unit.length; i++) {
            assertEquals(unit[i] * 4000, scaled[i], 4000 * 1e-4, "pixel " + i);
        }
        // Flux is kept: the mean changes little.
        double a = 0;
        double b = 0;
        for (int i = 0; i < unit.length; i++) {
            a += unit[i];
            b += s[1][i];
        }
        assertEquals(b / unit.length, a / unit.length, 0.01);
    }

    @Test
    void totalVariationSmoothsNoiseAndZeroWeightIsPlainRl() {
        int[][] kernel = ReferenceImages.KERNELS.get("binomial5");
        float[][] s = scene(33, kernel, 3000);
        Plane blurred = new Plane(W, H, s[1]);
        float[] plain = new RichardsonLucy(psf(kernel), 40, 0, Boundary.REFLECT).deconvolve(blurred).pixels();
        float[] again = new RichardsonLucy(psf(kernel), 40).deconvolve(blurred).pixels();
        assertArrayEquals(plain, again, 0);
        float[] tv = new RichardsonLucy(psf(kernel), 40, 0.01, Boundary.REFLECT).deconvolve(blurred).pixels();
        assertTrue(totalVariation(tv) < 0.9 * totalVariation(plain),
                "TV " + totalVariation(tv) + " vs plain " + totalVariation(plain));
        assertTrue(Psnr.compute(s[0], tv, 1) > Psnr.compute(s[0], plain, 1),
                "on noisy data TV helps: " + Psnr.compute(s[0], tv, 1) + " vs " + Psnr.compute(s[0], plain, 1));
    }

    private static double totalVariation(float[] a) {
        double s = 0;
        for (int y = 0; y + 1 < H; y++) {
            for (int x = 0; x + 1 < W; x++) {
                s += Math.abs(a[y * W + x + 1] - a[y * W + x]) + Math.abs(a[(y + 1) * W + x] - a[y * W + x]);
            }
        }
        return s;
    }

    @Test
    void edgeCasesAndValidation() {
        Kernel k = Psf.gaussian(1);
        // Negative values count as 0; an image without positive values gives zeros.
        float[] negative = new float[30];
        java.util.Arrays.fill(negative, -3);
        assertArrayEquals(new float[30], new RichardsonLucy(k, 5).deconvolve(new Plane(6, 5, negative)).pixels());
        // A 1-pixel image and a PSF larger than the image.
        assertEquals(5, new RichardsonLucy(k, 3).deconvolve(new Plane(1, 1, new float[] {5})).pixels()[0], 1e-4);
        Plane small = new Plane(3, 2, new float[] {1, 2, 3, 4, 5, 6});
        for (Boundary b : Boundary.values()) {
            float[] out = new RichardsonLucy(Psf.disk(6), 4, 0.002, b).deconvolve(small).pixels();
            for (float v : out) {
                assertTrue(Float.isFinite(v) && v >= 0, b + ": " + v);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new RichardsonLucy(k, 0));
        assertThrows(IllegalArgumentException.class, () -> new RichardsonLucy(k, 5, 0.5, Boundary.REFLECT));
        assertThrows(IllegalArgumentException.class, () -> new RichardsonLucy(k, 5, -0.1, Boundary.REFLECT));
    }

    @Test
    void cancellationStopsBetweenIterations() {
        AtomicInteger polls = new AtomicInteger();
        float[] ones = new float[400];
        java.util.Arrays.fill(ones, 1);
        assertThrows(CancellationException.class, () -> new RichardsonLucy(Psf.gaussian(1), 50)
                .deconvolve(new Plane(20, 20, ones), () -> polls.incrementAndGet() > 3));
        assertEquals(4, polls.get());
    }

    @Test
    void wienerRestoresAndLargerNsrSmoothsMore() {
        int[][] kernel = ReferenceImages.KERNELS.get("binomial5");
        float[][] s = scene(34, kernel, 200);
        Plane blurred = new Plane(W, H, s[1]);
        double before = Psnr.compute(s[0], s[1], 1);
        float[] sharp = new Wiener(psf(kernel), 1e-3).deconvolve(blurred).pixels();
        float[] smooth = new Wiener(psf(kernel), 1).deconvolve(blurred).pixels();
        assertTrue(Psnr.compute(s[0], sharp, 1) > before + 1, Psnr.compute(s[0], sharp, 1) + " vs " + before);
        assertTrue(totalVariation(smooth) < totalVariation(s[1]));
        // Zero NSR undoes a blur on the same grid exactly when the OTF has no zeros: [1 6 1]/8 in each axis gives
        // (6 + 2 cos)/8 >= 1/2 per axis.
        Kernel mild = Kernel.normalized(3, new float[] {1, 6, 1, 6, 36, 6, 1, 6, 1});
        FourierDomain grid = new FourierDomain(W, H, mild, Boundary.ZERO);
        float[] buffer = grid.embed(s[0]);
        grid.convolve(buffer, grid.newSpectrum());
        grid.wiener(buffer, grid.newSpectrum(), 0);
        assertArrayEquals(s[0], grid.crop(buffer), 1e-4f);
        assertThrows(IllegalArgumentException.class, () -> new Wiener(psf(kernel), -1));
        assertThrows(IllegalArgumentException.class, () -> new Wiener(psf(kernel), Double.NaN));
    }
}
