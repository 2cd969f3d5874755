package io.github.biattention.deblur.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The photograph mix: blur strengths, sharp and mild pairs, noise-free pairs, detailed crops. */
class TrainingMixTest {

    @Test
    void strengthsGiveKernelsOfIncreasingSpreadPerKind() {
        for (BlurKind kind : BlurKind.values()) {
            double previous = 0;
            for (BlurStrength strength : BlurStrength.values()) {
                double spread = 0;
                for (int i = 0; i < 20; i++) {
                    spread += spread(BlurKernels.random(new SplittableRandom(i), kind, strength, 31));
                }
                spread /= 20;
                if (strength == BlurStrength.NONE) {
                    assertEquals(0, spread, 1e-12, kind + " none");
                } else {
                    assertTrue(spread > previous, kind + " " + strength + ": " + spread + " after " + previous);
                }
                previous = spread;
            }
        }
    }

    @Test
    void strengthRangesDoNotOverlap() {
        BlurStrength[] s = BlurStrength.values();
        for (BlurKind kind : BlurKind.values()) {
            for (int i = 1; i + 1 < s.length; i++) {
                assertTrue(s[i].min(kind) <= s[i].max(kind));
                assertTrue(s[i].max(kind) < s[i + 1].min(kind), kind + " " + s[i]);
            }
        }
    }

    @Test
    void motionExtentStaysInItsRange() {
        for (int i = 0; i < 30; i++) {
            Kernel k = BlurKernels.motion(new SplittableRandom(i), 3, 6, 31);
            int half = (k.size() - 1) / 2;
            assertTrue(half >= 3 && half <= 6, "half size " + half);
        }
        assertThrows(IllegalArgumentException.class, () -> BlurKernels.motion(new SplittableRandom(1), 4, 2, 31));
    }

    @Test
    void sharpPairsWithoutNoiseAreTheirOwnTarget() {
        DegradationSettings settings = DegradationSettings.builder().patchSize(32).sharpProbability(1)
                .noNoiseProbability(1).jitterProbability(0).build();
        Degradation degradation = new Degradation(new ProceduralImages(), settings);
        for (int i = 0; i < 5; i++) {
            TrainingPair pair = degradation.sample(9, i);
            assertEquals(1, pair.kernel().size());
            assertArrayEquals(pair.sharp().pixels(), pair.blurred().pixels());
        }
    }

    @Test
    void noiseFreePairsAreTheExactBlurOfTheirCrop() {
        DegradationSettings settings = DegradationSettings.builder().patchSize(32).noNoiseProbability(1)
                .jitterProbability(0).build();
        Degradation degradation = new Degradation(new ProceduralImages(), settings);
        TrainingPair pair = degradation.sample(4, 2);
        assertTrue(pair.kernel().size() > 1);
        // A noisy pair of the same stream differs: the option is what removed the noise.
        Degradation noisy = new Degradation(new ProceduralImages(), settings.toBuilder().noNoiseProbability(0)
                .noShotNoiseProbability(0).build());
        assertFalse(java.util.Arrays.equals(pair.blurred().pixels(), noisy.sample(4, 2).blurred().pixels()));
        // The sharp target is the same crop either way.
        assertArrayEquals(pair.sharp().pixels(), noisy.sample(4, 2).sharp().pixels());
    }

    @Test
    void mixDrawsSharpMildAndFullRangeKernelsInItsShares() {
        Degradation degradation = new Degradation(new ProceduralImages(), DegradationSettings.photographMix());
        int identity = 0;
        int small = 0;
        int n = 600;
        for (int i = 0; i < n; i++) {
            Kernel k = degradation.kernel(3, i);
            if (k.size() == 1) {
                identity++;
            } else if (k.size() <= 7) {
                small++;
            }
        }
        assertEquals(0.10, identity / (double) n, 0.035);
        assertTrue(small / (double) n > 0.15, "mild and small kernels: " + small);
    }

    @Test
    void olderSettingsKeepTheirKernelStream() {
        // Without sharp or mild shares no extra number is drawn: the kernels equal the full-range factory's.
        Degradation degradation = new Degradation(new ProceduralImages(), DegradationSettings.defaults());
        for (int i = 0; i < 10; i++) {
            SplittableRandom rng = new SplittableRandom(7 * 0x9E3779B97F4A7C15L + i).split();
            double[] weights = {0.5, 0.25, 0.25};
            BlurKind kind = BlurKind.values()[Rand.weighted(rng, weights)];
            assertEquals(BlurKernels.random(rng, kind, 31), degradation.kernel(7, i));
        }
    }

    @Test
    void logReadSigmaNeedsAPositiveMinimum() {
        assertThrows(IllegalArgumentException.class,
                () -> DegradationSettings.builder().readSigma(0, 0.01).logReadSigma(true).build());
        assertThrows(IllegalArgumentException.class,
                () -> DegradationSettings.builder().sharpProbability(0.7).mildProbability(0.5).build());
    }

    @Test
    void texturedSourcePrefersTheMostDetailedCrop() {
        // Crops alternate between flat and a checkerboard: with share 1 and 2 candidates the checkerboard always wins.
        SharpSource alternating = new SharpSource() {
            @Override
            public Plane crop(SplittableRandom rng, int size) {
                float[] p = new float[size * size];
                boolean textured = rng.nextBoolean();
                for (int i = 0; i < p.length; i++) {
                    p[i] = textured ? ((i / size + i % size) % 2) : 0.5f;
                }
                return new Plane(size, size, p);
            }
        };
        TexturedSource always = new TexturedSource(alternating, 1, 8);
        TexturedSource never = new TexturedSource(alternating, 0, 8);
        int flatAlways = 0;
        int flatNever = 0;
        for (int i = 0; i < 50; i++) {
            flatAlways += TexturedSource.detail(always.crop(new SplittableRandom(i), 8)) == 0 ? 1 : 0;
            flatNever += TexturedSource.detail(never.crop(new SplittableRandom(i), 8)) == 0 ? 1 : 0;
        }
        assertEquals(0, flatAlways);
        assertTrue(flatNever > 10, "plain crops are flat about half the time: " + flatNever);
        assertNotEquals(0, TexturedSource.detail(always.crop(new SplittableRandom(1), 8)));
        assertThrows(IllegalArgumentException.class, () -> new TexturedSource(alternating, 1.5, 2));
    }

    /** Root mean square distance of the kernel's weight from its centre. */
    private static double spread(Kernel k) {
        int c = (k.size() - 1) / 2;
        double s = 0;
        for (int y = 0; y < k.size(); y++) {
            for (int x = 0; x < k.size(); x++) {
                s += k.get(x, y) * ((x - c) * (x - c) + (y - c) * (y - c));
            }
        }
        return Math.sqrt(s);
    }
}
