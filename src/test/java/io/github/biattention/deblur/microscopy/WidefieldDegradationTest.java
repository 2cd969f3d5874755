package io.github.biattention.deblur.microscopy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.MicroscopyScenes;
import io.github.biattention.deblur.data.Plane;
import io.github.biattention.deblur.data.TrainingPair;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WidefieldDegradationTest {

    @Test
    void specimensAreNonNegativeFluxWithThePeakAtMostOne() {
        MicroscopyScenes scenes = new MicroscopyScenes();
        for (int i = 0; i < 20; i++) {
            float[] px = scenes.crop(new SplittableRandom(i), 96).pixels();
            float max = 0;
            float min = Float.MAX_VALUE;
            for (float v : px) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
            assertTrue(min >= 0, "scene " + i + " min " + min);
            assertTrue(max > 0.05 && max < 1.2, "scene " + i + " max " + max);
        }
        assertArrayEquals(scenes.crop(new SplittableRandom(3), 64).pixels(),
                scenes.crop(new SplittableRandom(3), 64).pixels());
    }

    @Test
    void psfIsNormalisedCentredAndWiderWithHaze() {
        WidefieldOptics sharp = new WidefieldOptics(0.4, 520, 1.0, 300, 0, 0);
        WidefieldOptics hazy = new WidefieldOptics(0.4, 520, 1.0, 300, 0, 0.5);
        Kernel a = sharp.psf();
        Kernel b = hazy.psf();
        assertEquals(2 * WidefieldOptics.HALF_SIZE + 1, a.size());
        assertEquals(1.0, sum(a), 1e-4);
        assertEquals(1.0, sum(b), 1e-4);
        int c = WidefieldOptics.HALF_SIZE;
        assertEquals(a.get(c - 3, c), a.get(c + 3, c), 1e-6, "radially symmetric");
        assertEquals(a.get(c, c - 3), a.get(c + 3, c), 1e-6, "radially symmetric");
        // Haze moves light from the centre to far away.
        assertTrue(b.get(c, c) < 0.6 * a.get(c, c));
        assertTrue(b.get(c + 15, c) > 4 * a.get(c + 15, c));
        // What a user can enter leaves out the haze and the defocus: the in-focus PSF of the objective.
        Kernel entered = new WidefieldOptics(0.4, 520, 1.0, 300, 400, 0.5).objectivePsf();
        int e = entered.size() / 2;
        assertEquals(1.0, sum(entered), 1e-4);
        // The same centre as the in-focus, haze-free PSF (within the few percent of the rings its smaller size cuts).
        assertEquals(a.get(c, c), entered.get(e, e), 0.03 * a.get(c, c));
        assertTrue(entered.get(e, e) > 1.5 * new WidefieldOptics(0.4, 520, 1.0, 300, 400, 0.5).psf().get(c, c));
    }

    @Test
    void pairsAreReproducibleAlignedAndKeepTheFlux() {
        WidefieldDegradation degradation = new WidefieldDegradation(new MicroscopyScenes(), 48, 50, 2000);
        TrainingPair p = degradation.sample(4, 9);
        TrainingPair q = degradation.sample(4, 9);
        assertArrayEquals(p.blurred().pixels(), q.blurred().pixels());
        assertArrayEquals(p.sharp().pixels(), q.sharp().pixels());
        assertFalse(java.util.Arrays.equals(p.blurred().pixels(), degradation.sample(4, 10).blurred().pixels()));
        assertEquals(48, p.sharp().width());
        assertEquals(48, p.blurred().height());
        assertNull(p.kind());
        assertEquals(1.0, sum(p.kernel()), 1e-4);
        // Shot noise and a small offset (< 0.1) aside, blurring keeps the mean flux of a large patch.
        WidefieldDegradation bright = new WidefieldDegradation(new MicroscopyScenes(), 160, 1e6, 1e6);
        for (int i = 0; i < 4; i++) {
            TrainingPair r = bright.sample(1, i);
            double difference = mean(r.blurred()) - mean(r.sharp());
            assertTrue(difference > -0.03 && difference < 0.13, "pair " + i + ": " + difference);
        }
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> new WidefieldDegradation(new MicroscopyScenes(), 0, 50, 60));
        assertThrows(IllegalArgumentException.class, () -> new WidefieldDegradation(new MicroscopyScenes(), 8, 50, 10));
        assertThrows(IllegalArgumentException.class, () -> new WidefieldOptics(1.4, 520, 1.515, 65, 0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new WidefieldOptics(1.6, 520, 1.515, 65, 0, 0));
    }

    private static double sum(Kernel k) {
        double s = 0;
        for (float w : k.weights()) {
            s += w;
        }
        return s;
    }

    private static double mean(Plane p) {
        double s = 0;
        for (float v : p.pixels()) {
            s += v;
        }
        return s / p.pixels().length;
    }

    @Test
    void inFocusSetupsHaveSmallPsfsAndNoShareKeepsTheOldStream() {
        double inFocusPeak = 0;
        double randomPeak = 0;
        for (int i = 0; i < 20; i++) {
            Kernel a = WidefieldOptics.inFocus(new SplittableRandom(i)).psf();
            Kernel b = WidefieldOptics.random(new SplittableRandom(i)).psf();
            int c = WidefieldOptics.HALF_SIZE;
            inFocusPeak += a.get(c, c);
            randomPeak += b.get(c, c);
        }
        // A PSF near the pixel size puts much more of its light on the centre pixel.
        assertTrue(inFocusPeak > 2 * randomPeak, inFocusPeak + " vs " + randomPeak);
        WidefieldDegradation old = new WidefieldDegradation(new MicroscopyScenes(), 48, 50, 2000);
        WidefieldDegradation none = new WidefieldDegradation(new MicroscopyScenes(), 48, 50, 2000, 0);
        WidefieldDegradation all = new WidefieldDegradation(new MicroscopyScenes(), 48, 50, 2000, 1);
        assertArrayEquals(old.sample(3, 4).blurred().pixels(), none.sample(3, 4).blurred().pixels());
        assertTrue(all.sample(3, 4).kernel().get(WidefieldOptics.HALF_SIZE, WidefieldOptics.HALF_SIZE)
                > old.sample(3, 4).kernel().get(WidefieldOptics.HALF_SIZE, WidefieldOptics.HALF_SIZE));
        assertThrows(IllegalArgumentException.class,
                () -> new WidefieldDegradation(new MicroscopyScenes(), 48, 50, 2000, 1.5));
        // Haze at a low NA with pixels larger than the Airy disc: the far planes stay within the PSF's range.
        Kernel hazy = new WidefieldOptics(0.25, 700, 1.0, 1680, 0, 0.2).psf();
        assertEquals(1.0, sum(hazy), 1e-4);
        for (int i = 0; i < 60; i++) {
            WidefieldOptics.inFocus(new SplittableRandom(i)).psf();
        }
    }
}
