package io.github.biattention.deblur.classical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.biattention.deblur.data.Convolution;
import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.Plane;
import io.github.biattention.deblur.metrics.Psnr;
import org.junit.jupiter.api.Test;

class PsfRefinementTest {

    /** Bright dots on a dark background, with a baseline (camera offset) of 0.05. */
    private static float[] dots(int size, double baseline) {
        float[] img = new float[size * size];
        java.util.Arrays.fill(img, (float) baseline);
        for (int y = 6; y < size - 6; y += 9) {
            for (int x = 5; x < size - 6; x += 11) {
                img[y * size + x] += 1;
            }
        }
        return img;
    }

    @Test
    void refiningAnUnderSharpenedEstimateWithThePsfBringsItCloserToTheTruth() {
        int size = 64;
        Kernel psf = Psf.gaussian(1.5);
        int pad = (psf.size() - 1) / 2;
        float[] truth = dots(size + 2 * pad, 0.05);
        Plane big = new Plane(size + 2 * pad, size + 2 * pad, truth);
        float[] measured = Convolution.valid(big, psf).pixels();
        float[] sharp = big.crop(pad, pad, size, size).pixels();
        // An estimate that undid half the blur: the measurement itself, lightly sharpened.
        Plane lightlyBlurred = Convolution.valid(big, Psf.gaussian(0.9));
        int offset = (lightlyBlurred.width() - size) / 2;
        float[] estimate = lightlyBlurred.crop(offset, offset, size, size).pixels();
        double before = Psnr.compute(sharp, estimate, 1);
        float[] refined = new PsfRefinement(psf, 10).refine(measured, estimate, 0.05, size, size, () -> false);
        double after = Psnr.compute(sharp, refined, 1);
        assertTrue(after > before + 0.2, before + " -> " + after);
    }

    @Test
    void zeroIterationsReturnsTheEstimateAndSizesAreChecked() {
        float[] estimate = dots(16, 0.1);
        PsfRefinement none = new PsfRefinement(Psf.gaussian(1), 0);
        assertArrayEquals(estimate, none.refine(estimate, estimate, 0.1, 16, 16, () -> false));
        assertThrows(IllegalArgumentException.class, () -> none.refine(new float[3], estimate, 0.1, 16, 16, () -> false));
        assertThrows(IllegalArgumentException.class, () -> new PsfRefinement(Psf.gaussian(1), -1));
    }
}
