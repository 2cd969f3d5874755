package io.github.biattention.deblur.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlurKernelsTest {

    private static void assertValid(Kernel k, int maxSize) {
        assertEquals(1, k.size() % 2, "odd size");
        assertTrue(k.size() <= maxSize, "size " + k.size() + " > " + maxSize);
        double sum = 0;
        for (float w : k.weights()) {
            assertTrue(w >= 0, "negative weight " + w);
            sum += w;
        }
        assertEquals(1.0, sum, 1e-5);
    }

    @Test
    void randomKernelsOfEveryKindAreNormalisedAndFit() {
        SplittableRandom rng = new SplittableRandom(11);
        for (BlurKind kind : BlurKind.values()) {
            for (int maxSize : new int[] {3, 8, 15, 31}) {
                for (int i = 0; i < 15; i++) {
                    assertValid(BlurKernels.random(rng, kind, maxSize), maxSize);
                }
            }
        }
    }

    @Test
    void motionIsReproducibleAndDiffersBetweenSeeds() {
        Kernel a = BlurKernels.motion(new SplittableRandom(42), 31);
        Kernel b = BlurKernels.motion(new SplittableRandom(42), 31);
        assertArrayEquals(a.weights(), b.weights());
        Set<Kernel> distinct = new HashSet<>();
        for (int seed = 0; seed < 10; seed++) {
            distinct.add(BlurKernels.motion(new SplittableRandom(seed), 31));
        }
        assertEquals(10, distinct.size());
    }

    @Test
    void motionIsCentredOnItsCentreOfMassAndNotADisk() {
        for (int seed = 0; seed < 20; seed++) {
            Kernel k = BlurKernels.motion(new SplittableRandom(seed), 31);
            double cx = 0;
            double cy = 0;
            int nonZero = 0;
            for (int y = 0; y < k.size(); y++) {
                for (int x = 0; x < k.size(); x++) {
                    cx += x * k.get(x, y);
                    cy += y * k.get(x, y);
                    nonZero += k.get(x, y) > 0 ? 1 : 0;
                }
            }
            int c = (k.size() - 1) / 2;
            assertEquals(c, cx, 1e-3, "centre of mass x");
            assertEquals(c, cy, 1e-3, "centre of mass y");
            // A path, not a filled blob: much of a kernel wider than 5 px stays empty.
            if (k.size() >= 7) {
                assertTrue(nonZero < 0.8 * k.size() * k.size(), "motion kernel looks filled: " + nonZero);
            }
        }
    }

    @Test
    void defocusDiskIsRadiallySymmetric() {
        Kernel k = BlurKernels.defocus(4.3);
        int s = k.size();
        assertEquals(11, s);
        int c = (s - 1) / 2;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                float w = k.get(x, y);
                assertEquals(w, k.get(y, x), 0f, "transpose");
                assertEquals(w, k.get(s - 1 - x, y), 0f, "mirror x");
                assertEquals(w, k.get(x, s - 1 - y), 0f, "mirror y");
                double r = Math.hypot(x - c, y - c);
                if (r < 4.3 - 0.75) {
                    assertEquals(k.get(c, c), w, 1e-7f, "flat interior");
                } else if (r > 4.3 + 0.75) {
                    assertEquals(0f, w, "outside the disk");
                }
            }
        }
        // Anti-aliased edge: some border pixels are partially covered.
        float centre = k.get(c, c);
        boolean partial = false;
        for (float w : k.weights()) {
            partial |= w > 0.05 * centre && w < 0.95 * centre;
        }
        assertTrue(partial);
    }

    @Test
    void gaussianVarianceMatchesSigma() {
        for (double sigma : new double[] {0.8, 1.7, 3.5}) {
            Kernel k = BlurKernels.gaussian(sigma);
            assertEquals(2 * (int) Math.ceil(3 * sigma) + 1, k.size());
            int c = (k.size() - 1) / 2;
            double varX = 0;
            double varY = 0;
            for (int y = 0; y < k.size(); y++) {
                for (int x = 0; x < k.size(); x++) {
                    varX += (x - c) * (x - c) * k.get(x, y);
                    varY += (y - c) * (y - c) * k.get(x, y);
                }
            }
            // Truncation at 3σ lowers the variance by about 3%.
            assertEquals(sigma * sigma, varX, 0.05 * sigma * sigma, "sigma " + sigma);
            assertEquals(varX, varY, 1e-6);
        }
    }

    @Test
    void normalizedValidates() {
        assertThrows(IllegalArgumentException.class, () -> Kernel.normalized(2, new float[4]));
        assertThrows(IllegalArgumentException.class, () -> Kernel.normalized(3, new float[9]));
        assertThrows(IllegalArgumentException.class, () -> Kernel.normalized(1, new float[] {-1}));
        assertArrayEquals(new float[] {0.25f, 0.75f, 0f, 0f, 0f, 0f, 0f, 0f, 0f},
                Kernel.normalized(3, new float[] {1, 3, 0, 0, 0, 0, 0, 0, 0}).weights());
        assertFalse(BlurKernels.gaussian(1).equals(BlurKernels.gaussian(1.1)));
        assertNotEquals(BlurKernels.defocus(2), BlurKernels.defocus(3));
    }
}
