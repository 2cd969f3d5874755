package io.github.biattention.deblur.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DegradationTest {
    private static final DegradationSettings SMALL = DegradationSettings.builder().patchSize(48).maxKernelSize(15).build();

    private static double gradientEnergy(Plane p) {
        double e = 0;
        for (int y = 0; y + 1 < p.height(); y++) {
            for (int x = 0; x + 1 < p.width(); x++) {
                double dx = p.get(x + 1, y) - p.get(x, y);
                double dy = p.get(x, y + 1) - p.get(x, y);
                e += dx * dx + dy * dy;
            }
        }
        return e;
    }

    @Test
    void kernelAloneIsTheKernelOfTheSample() {
        Degradation d = new Degradation(new ProceduralImages(), SMALL);
        for (int i = 0; i < 6; i++) {
            assertEquals(d.sample(5, i).kernel(), d.kernel(5, i), "index " + i);
        }
    }

    @Test
    void sampleIsAPureFunctionOfSeedAndIndex() {
        Degradation d = new Degradation(new ProceduralImages(), SMALL);
        TrainingPair a = d.sample(7, 3);
        TrainingPair b = new Degradation(new ProceduralImages(), SMALL).sample(7, 3);
        assertArrayEquals(a.blurred().pixels(), b.blurred().pixels());
        assertArrayEquals(a.sharp().pixels(), b.sharp().pixels());
        assertEquals(a.kind(), b.kind());
        assertEquals(a.kernel(), b.kernel());

        TrainingPair c = d.sample(7, 4);
        TrainingPair e = d.sample(8, 3);
        assertFalse(Arrays.equals(a.sharp().pixels(), c.sharp().pixels()), "different index");
        assertFalse(Arrays.equals(a.sharp().pixels(), e.sharp().pixels()), "different seed");
    }

    @Test
    void pairsHaveThePatchSizeAndUseEveryKind() {
        Degradation d = new Degradation(new ProceduralImages(), SMALL);
        Set<BlurKind> seen = EnumSet.noneOf(BlurKind.class);
        for (int i = 0; i < 24; i++) {
            TrainingPair p = d.sample(1, i);
            for (Plane plane : List.of(p.blurred(), p.sharp())) {
                assertEquals(48, plane.width());
                assertEquals(48, plane.height());
            }
            for (float v : p.sharp().pixels()) {
                assertTrue(v >= 0 && v <= 1, "sharp value " + v);
            }
            assertTrue(p.kernel().size() <= 15);
            seen.add(p.kind());
        }
        assertEquals(EnumSet.allOf(BlurKind.class), seen);
    }

    @Test
    void noiseFreeBlurRemovesHighFrequencies() {
        Degradation d = new Degradation(new ProceduralImages(), SMALL.toBuilder().noNoise().build());
        for (int i = 0; i < 12; i++) {
            TrainingPair p = d.sample(3, i);
            assertTrue(gradientEnergy(p.blurred()) < gradientEnergy(p.sharp()),
                    "sample " + i + " (" + p.kind() + ")");
        }
    }

    /** Symmetric kernels must not move the image: the blurred patch matches the sharp one best unshifted. */
    @Test
    void blurredAndSharpAreAligned() {
        DegradationSettings symmetric = SMALL.toBuilder().noNoise().jitterProbability(0)
                .blurWeight(BlurKind.MOTION, 0).build();
        Degradation d = new Degradation(new ProceduralImages(1, 0, 0), symmetric);
        for (int i = 0; i < 6; i++) {
            TrainingPair p = d.sample(4, i);
            double best = Double.MAX_VALUE;
            int bestDx = 99;
            int bestDy = 99;
            for (int dy = -2; dy <= 2; dy++) {
                for (int dx = -2; dx <= 2; dx++) {
                    double err = 0;
                    for (int y = 2; y < 46; y++) {
                        for (int x = 2; x < 46; x++) {
                            double diff = p.blurred().get(x, y) - p.sharp().get(x + dx, y + dy);
                            err += diff * diff;
                        }
                    }
                    if (err < best) {
                        best = err;
                        bestDx = dx;
                        bestDy = dy;
                    }
                }
            }
            assertEquals(0, bestDx, "sample " + i);
            assertEquals(0, bestDy, "sample " + i);
        }
    }

    @Test
    void noisySamplesDifferFromTheirNoiseFreeVersion() {
        DegradationSettings noisy = SMALL.toBuilder().noShotNoiseProbability(0).photonsAtWhite(100, 100).build();
        TrainingPair a = new Degradation(new ProceduralImages(), noisy).sample(2, 0);
        TrainingPair b = new Degradation(new ProceduralImages(), noisy.toBuilder().noNoise().build()).sample(2, 0);
        // Same kernel and crop (independent streams per stage), different blurred values.
        assertArrayEquals(a.sharp().pixels(), b.sharp().pixels());
        assertEquals(a.kernel(), b.kernel());
        assertFalse(Arrays.equals(a.blurred().pixels(), b.blurred().pixels()));
    }

    @Test
    void fixedSetIsTheFirstSamples() {
        Degradation d = new Degradation(new ProceduralImages(), SMALL);
        List<TrainingPair> set = d.fixedSet(99, 3);
        assertEquals(3, set.size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(d.sample(99, i).blurred().pixels(), set.get(i).blurred().pixels());
        }
    }
}
